-- wrk: the open reports within 500 m of a random point in the City of
-- San Diego, as an app shows them around a pin before a submission.
request = function()
	local lat = 32.70 + math.random() * 0.23
	local long = -117.20 + math.random() * 0.18
	return wrk.format("GET", string.format("/requests.json?" ..
	    "jurisdiction_id=sandiego.gov&status=open&lat=%.6f&long=%.6f" ..
	    "&radius=500", lat, long))
end
