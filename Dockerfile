# open311d container image: Debian 12, two stages, the same binary
# `make` builds. Runs as the unprivileged user open311d.
#
#   docker build -t open311d .
#   docker run --rm -e DATABASE_URL=postgresql://u:p@db/open311 open311d migrate
#   docker run -d -p 8443:8443 -e DATABASE_URL=postgresql://u:p@db/open311 \
#       -v /etc/open311d/tls:/etc/open311d/tls:ro open311d
#
# The mounted directory holds cert.pem, key.pem and dh2048.pem, readable
# by uid 999 (or set OPEN311_CERTFILE, OPEN311_CERTKEY, OPEN311_DHPARAM).

FROM debian:12 AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential pkg-config \
    kore libpq-dev libjansson-dev libproj-dev libssl-dev \
    libcurl4-openssl-dev libargon2-dev patch \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Makefile ./
COPY patches patches
COPY app app
COPY sql sql
COPY migrations migrations
RUN make -j"$(nproc)" all

FROM debian:12-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq5 libjansson4 \
    libproj25 libssl3 libcurl4 libargon2-1 ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 999 open311d \
 && useradd --system --uid 999 --gid 999 --no-create-home \
    --home-dir /nonexistent --shell /usr/sbin/nologin open311d \
 && mkdir -p /etc/open311d/tls
COPY --from=build /src/build/open311d /usr/local/bin/open311d
COPY conf/open311.conf /etc/open311d/open311.conf
COPY assets /usr/share/open311d/assets
ENV OPEN311_CONF=/etc/open311d/open311.conf \
    OPEN311_LISTEN=0.0.0.0:8443 \
    OPEN311_CERTFILE=/etc/open311d/tls/cert.pem \
    OPEN311_CERTKEY=/etc/open311d/tls/key.pem \
    OPEN311_DHPARAM=/etc/open311d/tls/dh2048.pem \
    OPEN311_PIDFILE=/tmp/open311d.pid
USER open311d
WORKDIR /tmp
EXPOSE 8443
ENTRYPOINT ["/usr/local/bin/open311d"]
