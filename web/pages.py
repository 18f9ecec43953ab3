"""The griffiers' pages (home, zoeken, entiteit, document, kaart) live here, as `routes`
that read `request.app.state.store`; web/app.py mounts them at /. This placeholder
holds none until that part is merged."""
from __future__ import annotations

from starlette.routing import BaseRoute

routes: list[BaseRoute] = []
