"""`kg build --engine dask`: the extraction as tasks on a real Dask cluster of two worker processes
(on 127.0.0.1, free ports), gathered into the same store the local engine makes."""
from __future__ import annotations

import logging
import shutil

import pytest

from corpus import ARTICLES, kg, make_corpus, nquads, ok

distributed = pytest.importorskip("distributed", reason="Dask is not installed: pip install 'newskg[dask]'")
BUILD = ("build", "news", "--out", "out", "--formats", "nq", "--quiet", "--store", "store")


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of two worker processes, one thread each, listening on loopback only."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=logging.ERROR) as c:
        yield c


def test_a_dask_build_stores_what_the_local_engine_stores(cluster, tmp_path):
    """The corpus built on the cluster (batches of 2 as tasks) and in this machine's one process:
    the same quads; the tasks ran on both workers."""
    news = make_corpus(tmp_path / "local")
    shutil.copytree(news, tmp_path / "dask" / "news")
    ok(kg(*BUILD, cwd=tmp_path / "local"))
    done = ok(kg(*BUILD, "--engine", "dask", "--scheduler", cluster.scheduler_address, "--batch", "2",
                 cwd=tmp_path / "dask"))
    assert done.stdout.startswith(f"{ARTICLES} documents, ")
    assert nquads(tmp_path / "dask" / "store", tmp_path / "dask.nq") == \
        nquads(tmp_path / "local" / "store", tmp_path / "local.nq")
    with distributed.Client(cluster) as client:
        ran = client.run(lambda: __import__("sys").modules.get("kg.corpus.engines") is not None)
    assert sorted(ran.values()) == [True, True], "a worker ran no task"


def test_a_scheduler_that_does_not_answer_is_a_clear_error_and_leaves_no_store(tmp_path):
    """Nothing listens on the address: the build says so and stops, and makes no store folder."""
    from serving import free_port
    make_corpus(tmp_path, 1)
    result = kg(*BUILD, "--engine", "dask", "--scheduler", f"tcp://127.0.0.1:{free_port()}", cwd=tmp_path)
    assert result.returncode == 1 and "no Dask scheduler answers there" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "store").exists()
