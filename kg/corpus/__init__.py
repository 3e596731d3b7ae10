"""Corpus builds: thousands of articles streamed from disk into a store, in batches, by one process,
several (``workers``) or a Dask cluster, skipping the articles the store already holds unchanged.

``plan`` decides for each article read whether it needs extracting (new or changed), or not
(unchanged in the store, or the same text as an article read before it); ``engines`` run the
extraction (in this process, in worker processes, or as Dask tasks), batch by batch, in order;
``run`` puts the results into the store one document (one transaction) at a time, with a progress bar.
"""
