-- wrk: GET /requests/{id}.json for ids drawn at random from 1 to
-- BENCH_MAXID (the stored requests).
local maxid = tonumber(os.getenv("BENCH_MAXID") or "1000")

request = function()
	return wrk.format("GET", "/requests/" .. math.random(1, maxid) ..
	    ".json")
end
