"""Item pipeline: mark each article on or off the configured topic (never drops it: off-topic
articles are stored with the reason, they just never reach ``canonical_articles``)."""

from __future__ import annotations

from pipelines.topic import TopicFilter


class TopicPipeline:
    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.filter: TopicFilter | None = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self) -> None:
        self.filter = TopicFilter(self.crawler.spider.config.topic)

    def process_item(self, item):
        article = item.get("article")
        if article is not None and self.filter is not None:
            verdict = self.filter.classify(article.title, article.text)
            article.on_topic = verdict.on_topic
            article.topic_reason = verdict.reason
            if not verdict.on_topic:
                self.crawler.stats.inc_value(f"dropped/{verdict.reason.split(' ')[0]}")
        return item
