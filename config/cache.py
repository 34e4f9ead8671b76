"""Django's Redis cache, with one redis-py client per connection pool instead of one per call.

Django's client builds a new `redis.Redis` for every cache operation, and redis-py copies its table
of ~170 response callbacks into each new one: about 5 % of a page image's CPU went to that, on the
session read every request makes (issue 16). A `redis.Redis` over a pool is safe to share; Django's
cache objects are per thread anyway. Pools, servers and options are Django's, unchanged.
"""
from __future__ import annotations

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # id of a pool -> its client (pools live as long as this object)

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
