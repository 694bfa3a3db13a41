"""`python -m tests.notices.celery_here <celery args>`: the `celery` command, importing this checkout.

An editable install of the project (possibly of another checkout sharing the virtualenv) would
otherwise answer for any module this checkout lacks; the fault test's processes must run exactly
the code under test.
"""

import sys

if __name__ == "__main__":
    sys.meta_path[:] = [f for f in sys.meta_path if not getattr(f, "__module__", "").startswith("__editable__")]
    from celery.__main__ import main

    sys.argv[0] = "celery"
    sys.exit(main())
