"""Scrapy settings for reprints: polite by default.

Any of these can be overridden per run with ``reprints crawl --set NAME=VALUE``.
"""

from __future__ import annotations

BOT_NAME = "reprints"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# A real User-Agent that says who we are, so site owners can find us and robots.txt rules
# written for us apply.
USER_AGENT = "reprints/0.1 (news reprint research crawler; +https://github.com/reprints/reprints)"
ROBOTSTXT_OBEY = True
ROBOTSTXT_USER_AGENT = "reprints"

# Politeness: per-host delay and concurrency (Scrapy keys slots by hostname).
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.5
DOWNLOAD_DELAY_JITTER = 0.5  # ±50 %
AUTOTHROTTLE_ENABLED = False
# Holds CONCURRENT_REQUESTS_PER_DOMAIN for real (Scrapy bursts past it at DOWNLOAD_DELAY=0),
# and across all workers of a scaled-out crawl (a per-host token in Redis).
DOWNLOAD_HANDLERS = {
    "http": "crawler.shared.hosts.HostTokenHandler",
    "https": "crawler.shared.hosts.HostTokenHandler",
}

# Outputs of one callback handled at once.  Ours yield at most two items (a page, and a reply
# page read on its own) and requests, which take microseconds: 4 never leaves a request
# waiting behind an item.  Scrapy's 100 starts 101 asyncio tasks per response: 11 % of the
# main process's CPU on heavy pages (py-spy, 600 heavy articles), spent on idle workers.
CONCURRENT_ITEMS = 4

# Hostile sites: bounded size and time, a few retries for transient errors.
DOWNLOAD_TIMEOUT = 20
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 10
DEPTH_LIMIT = 0  # per-source max_depth (sources.toml) is enforced by the spider
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# The log file's level (<db dir>/logs/, crawler/logs.py); the terminal shows WARNING and up
# unless --verbose, and the CLI prints its own summary.
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.robots.Rfc9309RobotsTxtMiddleware": 100,
    "crawler.history.ConditionalGetMiddleware": 560,
    # after RetryMiddleware (550) in process_response order, so the pause precedes the retry
    "crawler.retry_after.RetryAfterMiddleware": 540,
}
SPIDER_MIDDLEWARES = {
    # The spider enforces each source's own max_depth and allowed domains itself.
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
}
ITEM_PIPELINES = {
    "pipelines.extraction.ExtractPipeline": 100,
    "pipelines.topic_pipeline.TopicPipeline": 200,
    "pipelines.store.StorePipeline": 300,
}

# reprints' own settings (namespaced; read by components in from_crawler)
REPRINTS_DB = "data/reprints.duckdb"
REPRINTS_TRAP_PROBATION = 8  # requests per URL shape before the shape must yield an article
REPRINTS_MAX_LINKS = 1000  # links followed per page at most
# A batch costs ~60 ms of CPU whatever its size (open the file, replay its write-ahead log,
# check the schema, upsert): 740 portal-weight rows (300-link pages, 2,500-character texts)
# through storage.writes.write_batch in batches of 20 / 60 / 200 took 3.8 / 1.9 / 0.9 CPU s
# in one run (load ~20).
# Batches close on whichever comes first, so a crawl slowed by a busy machine wrote a batch of
# ~20 pages every 2 s; 5 s keeps batches large.  A kill -9 loses at most those seconds of pages,
# which the next run fetches again.
REPRINTS_STORE_BATCH = 200
REPRINTS_STORE_SECONDS = 5.0
REPRINTS_CONDITIONAL_GET = True
REPRINTS_MAX_CRAWL_DELAY = 30.0  # robots.txt Crawl-delay is honoured up to this many seconds
REPRINTS_MAX_RETRY_AFTER = 60.0  # a 429/503 Retry-After slows its host down, up to this
# Article pages whose server sends neither ETag nor Last-Modified are not downloaded again
# for this many days (their stored links are followed instead).
REPRINTS_REFETCH_DAYS = 30
REPRINTS_VERBOSE = False  # --verbose: the log file's lines on the terminal too
EXTRACT_MIN_CHARS = 150
# EXTRACT_WORKERS defaults to the number of cores.
