-- wrk: POST /requests.json at a random point in the City of San Diego.
-- BENCH_SERVICE is POTHOLE (duplicate check on: 30 m, 30 days, pavement
-- group) or NOISE (duplicate check off); BENCH_KEY is a submit key.
local key = os.getenv("BENCH_KEY")
local service = os.getenv("BENCH_SERVICE") or "POTHOLE"
local attrs = {
	POTHOLE = "&attribute%5BDEPTH%5D=5&attribute%5BSIZE%5D=M",
	NOISE = "&attribute%5BSOURCE%5D=PARTY",
}

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Bearer " .. key

request = function()
	local lat = 32.70 + math.random() * 0.23
	local long = -117.20 + math.random() * 0.18
	local body = string.format("jurisdiction_id=sandiego.gov" ..
	    "&service_code=%s&lat=%.6f&long=%.6f&description=bench%s",
	    service, lat, long, attrs[service])
	return wrk.format(nil, "/requests.json", nil, body)
end

