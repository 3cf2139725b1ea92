"""``jixiao serve``: the web app on the store."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from jixiao.cli.app import app, err, out


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="监听地址；对外服务请放在反向代理之后（见 docs/web.md）")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="监听端口")] = 8000,
    db: Annotated[str | None, typer.Option("--db", help="数据库：SQLite 文件路径或连接地址；默认 JIXIAO_DATABASE_URL，否则 ./jixiao.db")] = None,
    data_dir: Annotated[Path | None, typer.Option("--data-dir", help="报告文件与审核上传的存放目录；默认 JIXIAO_DATA_DIR，否则 ./jixiao-data")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="工作进程数")] = 1,
    proxy_headers: Annotated[bool, typer.Option("--proxy-headers", help="信任反向代理的 X-Forwarded-For / X-Forwarded-Proto")] = False,
    forwarded_allow_ips: Annotated[str, typer.Option("--forwarded-allow-ips", help="与 --proxy-headers 同用：只信任这些地址（反向代理）发来的转发头，逗号分隔")] = "127.0.0.1",
) -> None:
    """启动网页应用（部门填报、财政审核、管理）和 JSON API。"""
    import uvicorn

    from jixiao.store.database import StoreError
    from jixiao.web.settings import SettingsError, WebSettings

    if db is not None:
        os.environ["JIXIAO_DATABASE_URL"] = db if "://" in db else f"sqlite:///{Path(db).resolve()}"
    if data_dir is not None:
        os.environ["JIXIAO_DATA_DIR"] = str(data_dir.resolve())
    try:  # check the settings and the schema once here, with a clear message, before the workers start
        from jixiao.web.services import Services

        Services.open(WebSettings.from_env()).close()
    except (SettingsError, StoreError) as exc:
        err.print(f"[错误] {exc}", markup=False)
        raise typer.Exit(1) from None
    out.print(f"jixiao 网页应用：http://{host}:{port}/ （按 Ctrl+C 停止）", markup=False)
    uvicorn.run("jixiao.web.main:app_from_env", factory=True, host=host, port=port, workers=workers,
                proxy_headers=proxy_headers, forwarded_allow_ips=forwarded_allow_ips,
                server_header=False, log_level="warning", access_log=False)
