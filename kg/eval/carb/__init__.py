"""CaRB (Bhardwaj, Aggarwal and Mausam, EMNLP 2019): the open-IE benchmark's scorer, reimplemented so
that it prints, on the same files, the figures CaRB's own ``carb.py`` prints with its default matcher,
to the last bit (tests/eval/test_carb.py checks them against figures recorded from it).

``formats`` reads the gold, tabbed and OpenIE 5 files and writes the tabbed format; ``matcher`` scores
one predicted tuple against one gold tuple; ``score`` makes the precision-recall curve, the optimal
F1 point and the AUC. ``kg eval carb`` is the command. Pure Python: no numpy, scikit-learn or NLTK.
"""
