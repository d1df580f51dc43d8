#!/usr/bin/env python3
# demo_addresses.py > assets/demo/addresses.csv: writes the demo
# gazetteer: made-up but plausible street addresses at points inside the
# demo boundaries (assets/demo/*.geojson; the county's is a box, given
# here in degrees). Deterministic (a fixed seed): run again, same file.
import csv
import json
import random
import sys

def ring(name):
    with open("assets/demo/%s.geojson" % name) as f:
        return json.load(f)["features"][0]["geometry"]["coordinates"][0]

def inside(pt, r):
    x, y = pt
    n = False
    for i in range(len(r) - 1):
        (x1, y1), (x2, y2) = r[i], r[i + 1]
        if (y1 > y) != (y2 > y) and \
                x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            n = not n
    return n

SD = ring("sandiego")
CV = ring("chulavista")
COUNTY = [(-117.35, 32.5), (-116.8, 32.5), (-116.8, 33.2), (-117.35, 33.2),
          (-117.35, 32.5)]

STREETS = ["Market Street", "Broadway", "Park Boulevard", "University Avenue",
           "El Cajon Boulevard", "Adams Avenue", "Garnet Avenue",
           "Mission Gorge Road", "Clairemont Drive", "Genesee Avenue",
           "Imperial Avenue", "Euclid Avenue", "Midway Drive",
           "Rosecrans Street", "Balboa Avenue", "Convoy Street",
           "Fairmount Avenue", "Texas Street", "Orange Avenue",
           "Ocean View Boulevard", "Sunset Cliffs Boulevard",
           "Camino del Rio North", "Friars Road", "Governor Drive"]
CV_STREETS = ["Third Avenue", "Telegraph Canyon Road", "H Street",
              "East Palomar Street", "Otay Lakes Road", "Broadway",
              "Main Street", "Olympic Parkway", "Naples Street",
              "Eastlake Parkway"]
COUNTY_STREETS = ["Lakeside Avenue", "Woodside Avenue", "Los Coches Road",
                  "Jamacha Road", "Campo Road", "Dehesa Road",
                  "Harbison Canyon Road", "Willow Road", "Alpine Boulevard",
                  "Wildcat Canyon Road"]

def place(rng, box, ok):
    while True:
        p = (rng.uniform(box[0], box[1]), rng.uniform(box[2], box[3]))
        if ok(p):
            return p

def main():
    rng = random.Random(311)
    rows = []
    seen = set()

    def add(n, streets, city, zips, box, ok):
        while n > 0:
            label = "%d %s, %s, CA %s" % (rng.randrange(100, 9900, 2),
                rng.choice(streets), city, rng.choice(zips))
            if label.split(",")[0] in seen:
                continue
            seen.add(label.split(",")[0])
            lon, lat = place(rng, box, ok)
            rows.append((label, "%.6f" % lat, "%.6f" % lon))
            n -= 1

    add(90, STREETS, "San Diego", ["92101", "92103", "92104", "92105",
        "92110", "92111", "92115", "92116", "92117", "92120"],
        (-117.25, -116.97, 32.68, 33.05), lambda p: inside(p, SD))
    add(35, CV_STREETS, "Chula Vista", ["91910", "91911", "91913", "91914"],
        (-117.12, -116.96, 32.58, 32.655), lambda p: inside(p, CV))
    add(25, COUNTY_STREETS, "Lakeside", ["92040", "92019", "91901"],
        (-116.92, -116.81, 32.70, 33.15),
        lambda p: inside(p, COUNTY) and not inside(p, SD) and
        not inside(p, CV))
    # Two fixed ones the tests name.
    rows.append(("1010 Second Avenue, San Diego, CA 92101", "32.715000",
        "-117.160000"))
    rows.append(("276 Fourth Avenue, Chula Vista, CA 91910", "32.640000",
        "-117.080000"))
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["label", "lat", "long"])
    for r in rows:
        w.writerow(r)

main()
