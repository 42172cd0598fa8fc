"""WSGI entry point: `gunicorn trellis.wsgi` (see the README's production notes).

Each web worker imports this module before it accepts its first connection, so the
warm-up (trellis/web/warm.py) happens there, once per worker, not on a visitor's request.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trellis.settings")
application = get_wsgi_application()

from trellis.people.selectors import topic_matcher  # noqa: E402  (needs the apps loaded)
from trellis.web.warm import warm_up  # noqa: E402

warm_up(readers=[topic_matcher])
