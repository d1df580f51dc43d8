-- wrk: every request with the console session's cookie (BENCH_COOKIE,
-- "name=value"), for the console's JSON API.
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
