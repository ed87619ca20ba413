# Run as `<python> -I -S -c <this>` once per lookup: everything the embedded runner needs to load this
# interpreter comes from this one answer, so library, home and executable cannot come from different installs.
import json
import os
import sys
import sysconfig


def _library():
    """The shared libpython of this interpreter, or None when it was built without --enable-shared."""
    if not sysconfig.get_config_var("Py_ENABLE_SHARED"):
        return None
    libdir = sysconfig.get_config_var("LIBDIR") or ""
    for name in (sysconfig.get_config_var("INSTSONAME"), sysconfig.get_config_var("LDLIBRARY")):
        if name:
            path = os.path.join(libdir, name)
            if os.path.isfile(path):
                return os.path.realpath(path)
    return None


print(json.dumps({
    "implementation": sys.implementation.name,
    "executable": os.path.realpath(sys.executable),
    "home": sys.base_prefix,
    "version": list(sys.version_info[:3]),
    "library": _library(),
}))
