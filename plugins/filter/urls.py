# -*- coding: utf-8 -*-
# Copyright: mlflowops maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Public URLs, Host header allow-lists and CORS origins from host names, scheme, port and prefix.

One rule for the whole collection (mlflow_server, caddy_proxy and site.yml used three): a port is
written only when it is not the scheme's default (443 for https, 80 for http), names are compared in
lower case, and a static prefix is appended as /prefix without a trailing slash. Each filter's
documentation is the YAML file of its name beside this one (ansible-doc -t filter NAME).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import posixpath
from urllib.parse import parse_qs, urlsplit, urlunsplit

from ansible.errors import AnsibleFilterError

DEFAULT_PORTS = {"https": 443, "http": 80}


def _port(scheme, port):
    if scheme not in DEFAULT_PORTS:
        raise AnsibleFilterError("scheme must be https or http, got %r" % (scheme,))
    if port in (None, ""):
        return DEFAULT_PORTS[scheme]
    try:
        number = int(port)
    except (TypeError, ValueError):
        raise AnsibleFilterError("port must be a number, got %r" % (port,))
    if not 1 <= number <= 65535:
        raise AnsibleFilterError("port must be 1-65535, got %d" % number)
    return number


def _names(value):
    if isinstance(value, str):
        return [value]
    return list(value)


def authority(name, scheme="https", port=None):
    number = _port(scheme, port)
    host = str(name).lower()
    return host if number == DEFAULT_PORTS[scheme] else "%s:%d" % (host, number)


def origin(name, scheme="https", port=None):
    return "%s://%s" % (scheme, authority(name, scheme, port))


def _prefix(prefix):
    prefix = (prefix or "").rstrip("/")
    if prefix and not prefix.startswith("/"):
        prefix = "/" + prefix
    return prefix


def public_url(names, scheme="https", port=None, prefix=""):
    names = _names(names)
    if not names:
        raise AnsibleFilterError("public_url needs at least one host name")
    return origin(names[0], scheme, port) + _prefix(prefix)


def cors_origins(names, scheme="https", port=None):
    return _unique(origin(name, scheme, port) for name in _names(names))


def allowed_hosts(names, extra=()):
    hosts = []
    for name in _names(names) + _names(extra):
        hosts += [str(name).lower(), "%s:*" % str(name).lower()]
    return _unique(hosts)


def libpq_uri(uri):
    """A SQLAlchemy PostgreSQL URI as libpq tools take it: no driver, no password (pgpass has it)."""
    parts = urlsplit(str(uri))
    scheme = parts.scheme.split("+", 1)[0]
    if scheme not in ("postgresql", "postgres"):
        raise AnsibleFilterError("libpq_uri needs a postgresql:// URI, got scheme %r" % (parts.scheme,))
    netloc = parts.netloc.rsplit("@", 1)
    if len(netloc) == 2:
        netloc = netloc[0].split(":", 1)[0] + "@" + netloc[1]
    else:
        netloc = netloc[0]
    return urlunsplit(("postgresql", netloc, parts.path, parts.query, parts.fragment))


def store_identity(uri):
    """Where a store keeps its data, without credentials, driver or connection options.

    Two URIs of the same store give the same string (a rotated password, psycopg2 named or not,
    sslmode added); a store elsewhere gives another. Empty for no store.
    """
    value = str(uri or "").strip()
    if not value:
        return ""
    parts = urlsplit(value)
    scheme = parts.scheme.split("+", 1)[0].lower()
    if scheme in ("", "file"):
        return "file:" + posixpath.normpath(parts.path or value)
    if scheme == "sqlite":
        return "sqlite:" + posixpath.normpath("/" + (parts.netloc + parts.path).lstrip("/"))
    if scheme == "postgres":
        scheme = "postgresql"
    try:
        host, port = parts.hostname or "", parts.port
    except ValueError as exc:
        raise AnsibleFilterError("store_identity: %s in %r" % (exc, parts.scheme + "://..."))
    if not host and scheme == "postgresql":
        host = (parse_qs(parts.query).get("host") or [""])[0]  # a unix socket directory
    if port is None and scheme == "postgresql":
        port = 5432
    netloc = host + (":%d" % port if port is not None else "")
    path = parts.path.rstrip("/") if scheme in ("s3", "gs", "wasbs", "abfss") else parts.path
    return urlunsplit((scheme, netloc, path, "", ""))


def _unique(items):
    seen = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


class FilterModule(object):
    def filters(self):
        return {
            "authority": authority,
            "origin": origin,
            "public_url": public_url,
            "cors_origins": cors_origins,
            "allowed_hosts": allowed_hosts,
            "libpq_uri": libpq_uri,
            "store_identity": store_identity,
        }
