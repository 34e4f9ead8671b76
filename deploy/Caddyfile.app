# The routes of the TwoMatch site, imported by deploy/Caddyfile (production) and by `make bench-web`
# (scripts/bench_web/run.py), so the bench measures the proxy production runs.
# The app's REQUEST_MAX_BYTES (the same variable in docker-compose.yml): a larger body gets 413
# here and never reaches gunicorn.
request_body {
	max_size {$REQUEST_MAX_BYTES}
}
encode zstd gzip

# Collected by the one-shot "collectstatic" service into the shared "static" volume.
handle_path /static/* {
	root * {$TWOMATCH_STATIC:/srv/static}
	header Cache-Control "public, max-age=3600"
	file_server
}

handle {
	reverse_proxy {$TWOMATCH_UPSTREAM:web:8000} {
		# The client's address for the login throttle (Django reads only this header, and only
		# with BEHIND_TLS_PROXY=1). Caddy sets it from the connection, replacing anything the
		# client sent; it also sets X-Forwarded-Proto, which SECURE_PROXY_SSL_HEADER reads.
		header_up X-Real-IP {remote_host}
		# When the request left the proxy, replacing anything the client sent: the app answers 503
		# to a request that waited longer than SHED_QUEUE_MS in gunicorn's queue (config/shedding.py).
		header_up X-Request-Start "t={time.now.unix_ms}"
		transport http {
			dial_timeout 5s
			# gunicorn ends a request after 60 s (--timeout).
			response_header_timeout 75s
		}
		# Page images (MEDIA_ACCEL_REDIRECT=1): the app checks who may see the page and names the
		# file; the proxy sends it from the media volume (ETag, Last-Modified, 304), so no gunicorn
		# thread spends its time copying PNGs. /protected-media/ is not a route of its own: only an
		# answer of the app can reach these files.
		@accel header X-Accel-Redirect *
		handle_response @accel {
			rewrite * {rp.header.X-Accel-Redirect}
			uri strip_prefix /protected-media
			header Cache-Control "private, max-age=600"
			header X-Content-Type-Options nosniff
			file_server {
				root {$TWOMATCH_MEDIA:/srv/media}
			}
		}
	}
}
