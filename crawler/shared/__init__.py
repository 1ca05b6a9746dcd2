"""Scale-out: several crawl workers on one shared frontier in Redis.

scrapy-redis supplies the shared request queue and its serialisation; this package adds
what a crawl of many sites by many processes needs on top of it: leases (a request a worker
holds goes back to the queue if the worker dies before its output is written), the shared
seen-set and trap budgets of the frontier, per-host concurrency tokens, a shared robots.txt
cache, and the rule that decides when the crawl as a whole is finished.
"""
