# Concurrent reports of one spot through both nodes: the duplicate check
# takes an advisory lock in the database, so whichever node a report
# reaches, exactly one becomes the parent and every other its child.

cd_lat=32.7420
cd_lon=-117.1700
cd_pids=
for i in $(seq 1 12); do
	if [ $((i % 2)) = 1 ]; then cd_base=$CL_GW1; else cd_base=$CL_GW2; fi
	curl -s -o "$T/dup.$i" -w '%{http_code}\n' \
	    -H "Authorization: Bearer $CL_KEY" \
	    -d "service_code=POTHOLE&attribute%5BDEPTH%5D=5&attribute%5BSIZE%5D=S&lat=$cd_lat&long=$cd_lon&description=dup-$$-$i" \
	    "$cd_base/requests.json" > "$T/dup.$i.code" &
	cd_pids="$cd_pids $!"
done
# shellcheck disable=SC2086
wait $cd_pids
n=$(cat "$T"/dup.*.code | grep -c '^200$')
check "12 simultaneous reports through two nodes accepted ($n)" test "$n" = 12
r=$(CPSQL -tAc "select count(*) filter (where parent_id is null),
    count(*) filter (where parent_id is not null),
    count(distinct coalesce(parent_id, id))
    from requests where description like 'dup-$$-%'")
check "one parent, 11 children of it ($r)" test "$r" = "1|11|1"
r=$(CPSQL -tAc "select p.duplicate_count from requests p
    where p.description like 'dup-$$-%' and p.parent_id is null")
check "the parent counts 11 duplicates ($r)" test "$r" = 11
