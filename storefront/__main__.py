"""`python -m storefront`: serve the store page, /embed.js, /api/chat and /healthz
(port $STOREFRONT_PORT, 8080; settings in `StorefrontConfig.from_env`)."""
from __future__ import annotations

import argparse
import logging

from aiohttp import web

from recommender.access_log import RouteAccessLogger
from storefront.app import StorefrontConfig, create_storefront_app


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(prog="python -m storefront", description=__doc__).parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    config = StorefrontConfig.from_env()
    web.run_app(create_storefront_app(config), host=config.host, port=config.port, print=None,
                access_log_class=RouteAccessLogger)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
