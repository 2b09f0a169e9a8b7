# Stand-in for PyPA's get-pip.py, which ansible-test downloads from a host that closed networks often
# cannot reach. ansible-test runs it inside a fresh virtualenv with pip's install arguments
# (for example "pip==24.2"): bootstrap pip from the standard library, then let it install those.
import subprocess
import sys

subprocess.check_call([sys.executable, "-m", "ensurepip", "--default-pip"], stdout=subprocess.DEVNULL)
args = [a for a in sys.argv[1:] if a not in ("--no-setuptools", "--no-wheel")]
subprocess.check_call([sys.executable, "-m", "pip", "install"] + args)
