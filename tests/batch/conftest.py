from tests.servers.dask import dask_cluster, dask_session
from tests.servers.postgres import postgres_server, postgres_url

__all__ = ["dask_cluster", "dask_session", "postgres_server", "postgres_url"]
