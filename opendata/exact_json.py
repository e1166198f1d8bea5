"""The API's and the bulk files' JSON: times to the microsecond, as stored."""

import datetime

from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder


class ExactTimesEncoder(NinjaJSONEncoder):
    """Times to the microsecond, as stored: Django's encoder cuts them to the millisecond, so
    a client that passed a row's time back as `since` was given that row again."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class ExactTimesRenderer(JSONRenderer):
    encoder_class = ExactTimesEncoder
