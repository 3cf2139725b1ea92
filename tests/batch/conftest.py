from tests.servers.dask import dask_cluster, dask_session

__all__ = ["dask_cluster", "dask_session"]
