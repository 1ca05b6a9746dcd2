"""What type each numeric or yes/no setting is read as, so ``--set`` can be checked up front.

Scrapy converts a setting only when a component reads it (``getint``, ``getfloat``,
``getbool``), deep inside a running crawl: ``--set DOWNLOAD_DELAY=abc`` used to print four
tracebacks before anything was said about the value.  These tables name the converter each
setting is read with, in Scrapy 2.19 and in our components; ``check`` runs that same
converter on the value before the crawl starts.  tests/test_first_hour_cli.py finds every
call of those getters with a literal name in Scrapy's package and ours and fails when the
name is missing here, so the tables follow the code.
"""

from __future__ import annotations

from scrapy.settings import BaseSettings

INT_SETTINGS = frozenset(
    {
        "AWS_MAX_POOL_CONNECTIONS", "CLOSESPIDER_ERRORCOUNT", "CLOSESPIDER_ITEMCOUNT",
        "CLOSESPIDER_PAGECOUNT", "CLOSESPIDER_TIMEOUT_NO_ITEM", "CONCURRENT_ITEMS",
        "CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN", "CONCURRENT_REQUESTS_PER_IP",
        "DEPTH_LIMIT", "DEPTH_PRIORITY", "DNSCACHE_SIZE", "DOWNLOAD_MAXSIZE",
        "DOWNLOAD_WARNSIZE", "FEED_EXPORT_BATCH_ITEM_COUNT", "FEED_EXPORT_INDENT",
        "HTTP2_MAX_FRAME_SIZE", "HTTPCACHE_EXPIRATION_SECS", "MAIL_PORT", "MEMUSAGE_LIMIT_MB",
        "MEMUSAGE_WARNING_MB", "METAREFRESH_MAXDELAY", "REACTOR_THREADPOOL_MAXSIZE",
        "REDIRECT_MAX_TIMES", "REDIRECT_PRIORITY_ADJUST", "RETRY_PRIORITY_ADJUST",
        "RETRY_TIMES", "SCRAPER_SLOT_MAX_ACTIVE_SIZE", "URLLENGTH_LIMIT",
        "CLOSESPIDER_PAGECOUNT_NO_ITEM", "REMOTE_CONTROL_OUTPUT_MAX_BYTES",
        "REMOTE_CONTROL_TRACEBACK_MAX_BYTES",
        # ours
        "EXTRACT_MIN_CHARS", "EXTRACT_WORKERS", "REPRINTS_MAX_LINKS",
        "REPRINTS_PREFETCH_PER_HOST", "REPRINTS_STORE_BATCH", "REPRINTS_TRAP_PROBATION",
    }
)  # fmt: skip
FLOAT_SETTINGS = frozenset(
    {
        "AUTOTHROTTLE_MAX_DELAY", "AUTOTHROTTLE_START_DELAY", "AUTOTHROTTLE_TARGET_CONCURRENCY",
        "CLOSESPIDER_TIMEOUT", "DNS_TIMEOUT", "DOWNLOAD_DELAY", "DOWNLOAD_DELAY_JITTER",
        "DOWNLOAD_TIMEOUT", "LOGSTATS_INTERVAL", "MEMUSAGE_CHECK_INTERVAL_SECONDS",
        "REMOTE_CONTROL_TIMEOUT_DEFAULT", "REMOTE_CONTROL_TIMEOUT_MAX",
        # ours
        "REPRINTS_MAX_CRAWL_DELAY", "REPRINTS_MAX_RETRY_AFTER", "REPRINTS_PROGRESS_INTERVAL",
        "REPRINTS_REDIS_GRACE", "REPRINTS_REFETCH_DAYS", "REPRINTS_STORE_SECONDS",
        "REPRINTS_WORKER_TTL",
    }
)  # fmt: skip
BOOL_SETTINGS = frozenset(
    {
        "AUTOTHROTTLE_DEBUG", "AUTOTHROTTLE_ENABLED", "COMPRESSION_ENABLED", "COOKIES_DEBUG",
        "COOKIES_ENABLED", "CRAWLSPIDER_FOLLOW_LINKS", "DEPTH_STATS_VERBOSE",
        "DNSCACHE_ENABLED", "DOWNLOADER_STATS", "DOWNLOAD_VERIFY_CERTIFICATES",
        "DUPEFILTER_DEBUG", "FEED_STORAGE_FTP_ACTIVE", "FEED_STORE_EMPTY",
        "FORCE_CRAWLER_PROCESS", "HTTPCACHE_ALWAYS_STORE", "HTTPCACHE_ENABLED",
        "HTTPCACHE_GZIP", "HTTPCACHE_IGNORE_MISSING", "HTTPERROR_ALLOW_ALL",
        "HTTPPROXY_ENABLED", "HTTPX_HTTP2_ENABLED", "LOG_COLOR", "LOG_ENABLED",
        "LOG_FILE_APPEND", "LOG_INSTALL_ROOT_HANDLER", "LOG_SHORT_NAMES", "LOG_STDOUT",
        "MAIL_SSL", "MAIL_TLS", "MEMDEBUG_ENABLED", "MEMUSAGE_ENABLED", "PERIODIC_LOG_DELTA",
        "PERIODIC_LOG_STATS", "RANDOMIZE_DOWNLOAD_DELAY", "REFERER_ENABLED",
        "REMOTE_CONTROL_ENABLED", "RETRY_ENABLED", "ROBOTSTXT_OBEY", "SCHEDULER_DEBUG",
        "SPIDER_LOADER_WARN_ONLY", "STATS_DUMP", "TELNETCONSOLE_ENABLED",
        "TWISTED_REACTOR_ENABLED", "WARN_ON_GENERATOR_RETURN_VALUE",
        "DOWNLOADER_CLIENT_TLS_VERBOSE_LOGGING", "DOWNLOAD_FAIL_ON_DATALOSS",
        "PERIODIC_LOG_TIMING_ENABLED",
        # ours
        "REPRINTS_CONDITIONAL_GET", "REPRINTS_PROGRESS", "REPRINTS_SHARED_DELAY",
        "REPRINTS_VERBOSE",
    }
)  # fmt: skip

_EXPECTED = {
    "getint": "a whole number, e.g. 4",
    "getfloat": "a number, e.g. 0.5",
    "getbool": "True or False",
}


def converter(name: str) -> str | None:
    """The BaseSettings getter ``name`` is read with, or None for other settings."""
    if name in INT_SETTINGS:
        return "getint"
    if name in FLOAT_SETTINGS:
        return "getfloat"
    if name in BOOL_SETTINGS:
        return "getbool"
    return None


def check(name: str, value: str) -> str | None:
    """None when ``value`` converts the way ``name`` is read; else what it should be."""
    getter = converter(name)
    if getter is None:
        return None
    try:
        getattr(BaseSettings({name: value}), getter)(name)
    except (TypeError, ValueError):
        return f"{name} takes {_EXPECTED[getter]}"
    return None
