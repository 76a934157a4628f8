#!/usr/bin/env python3
"""Generates the GeoJSON files of the Paris 2026 example from coordinate tables.

Writes, next to this script's parent directory:
  line-of-contact.geojson      MultiLineString: [0] Sumy pocket, [1] main line
  control-ua.geojson           area held by Ukraine (one polygon)
  control-ru.geojson           area held by Russia (main polygon + Sumy pocket)
  disengagement-areas.geojson  three illustrative octagons straddling the line

Every table below was digitised by hand, coarsely, from the positions of
well-known towns and from public reporting on the front in January 2026; no
line, border or coastline dataset was used. Each vertex is (lat, lon, label);
the labels say what the vertex stands for. The line vertices are copied
unchanged into both control rings, so the two areas share the line as their
common boundary. Illustrative only: see ../README.md.

Usage: python3 tools/make_geometry.py   (Python 3 standard library only)
"""
import json
import math
import os

# Sumy pocket, west end to east end; both ends lie on the state border.
POCKET = [
    (51.255, 34.760, "state border, west end of the pocket"),
    (51.215, 34.790, "west of Oleksiivka"),
    (51.160, 34.820, "west of Kindrativka"),
    (51.115, 34.860, "south of Kindrativka"),
    (51.095, 34.930, "Andriivka"),
    (51.115, 34.990, "north-west of Yunakivka"),
    (51.140, 35.040, "north of Yunakivka"),
    (51.155, 35.080, "Basivka road"),
    (51.175, 35.120, "state border, east end of the pocket"),
]

# Main line, north to south; Russian-held side on the left (east, then south).
MAIN = [
    (50.325, 36.780, "state border west of Vovchansk"),
    (50.285, 36.830, "Tykhe"),
    (50.260, 36.900, "south-west of Vovchansk"),
    (50.255, 36.990, "south of Vovchansk"),
    (50.250, 37.100, "Vovcha valley east of Vovchansk"),
    (50.210, 37.230, ""),
    (50.140, 37.360, "north-east of Velykyi Burluk"),
    (50.075, 37.470, "east of Velykyi Burluk"),
    (50.000, 37.550, ""),
    (49.930, 37.590, ""),
    (49.860, 37.590, "west of Dvorichna (Oskil bridgehead)"),
    (49.800, 37.570, ""),
    (49.750, 37.580, "north of Kupiansk"),
    (49.740, 37.660, "across the Oskil north of Kupiansk"),
    (49.700, 37.720, "east of Kupiansk"),
    (49.640, 37.760, "east of Kupiansk-Vuzlovyi"),
    (49.560, 37.800, ""),
    (49.470, 37.780, ""),
    (49.400, 37.720, "east of Borova"),
    (49.320, 37.740, ""),
    (49.240, 37.800, ""),
    (49.150, 37.860, ""),
    (49.070, 37.880, ""),
    (49.020, 37.860, "northern outskirts of Lyman"),
    (48.970, 37.900, "eastern outskirts of Lyman"),
    (48.920, 37.940, ""),
    (48.870, 37.980, "west of Siversk"),
    (48.800, 37.960, ""),
    (48.730, 37.920, ""),
    (48.660, 37.860, ""),
    (48.610, 37.800, "west of Chasiv Yar"),
    (48.560, 37.770, "north-east of Kostiantynivka"),
    (48.520, 37.760, "eastern outskirts of Kostiantynivka"),
    (48.480, 37.720, "southern outskirts of Kostiantynivka"),
    (48.460, 37.640, ""),
    (48.450, 37.540, ""),
    (48.440, 37.440, ""),
    (48.420, 37.340, ""),
    (48.380, 37.250, "north of Myrnohrad"),
    (48.360, 37.150, "north of Rodynske"),
    (48.310, 37.090, "west of Pokrovsk"),
    (48.240, 37.040, ""),
    (48.170, 36.960, ""),
    (48.110, 36.820, ""),
    (48.070, 36.680, "south-east of Novopavlivka"),
    (48.020, 36.550, ""),
    (47.960, 36.420, "Dnipropetrovsk oblast border area"),
    (47.900, 36.360, ""),
    (47.820, 36.330, ""),
    (47.740, 36.300, "north of Huliaipole"),
    (47.680, 36.200, "west of Huliaipole"),
    (47.620, 36.120, ""),
    (47.580, 36.000, ""),
    (47.550, 35.880, "east of Orikhiv"),
    (47.520, 35.780, "south of Orikhiv"),
    (47.510, 35.660, ""),
    (47.530, 35.540, ""),
    (47.550, 35.430, ""),
    (47.575, 35.330, "south-west of Stepnohirsk, Dnipro bank"),
    (47.570, 35.200, "Kakhovka reservoir bed"),
    (47.530, 35.050, "reservoir bed"),
    (47.520, 34.900, "reservoir bed north of Dniprorudne"),
    (47.560, 34.760, "reservoir bed"),
    (47.580, 34.620, "reservoir bed between Marhanets and Enerhodar"),
    (47.550, 34.490, "reservoir bed between Nikopol and Vodiane"),
    (47.510, 34.380, "reservoir bed, Nikopol / Kamianka-Dniprovska"),
    (47.430, 34.200, "reservoir bed"),
    (47.300, 34.020, "reservoir bed"),
    (47.170, 33.850, "reservoir bed west of Velyka Lepetykha"),
    (47.020, 33.660, "reservoir bed west of Hornostaivka"),
    (46.920, 33.560, "reservoir bed"),
    (46.830, 33.450, "between Beryslav and Kakhovka"),
    (46.780, 33.360, "Kakhovka dam"),
    (46.750, 33.240, "Dnipro"),
    (46.745, 33.080, "Dnipro at Krynky"),
    (46.720, 32.950, "Dnipro"),
    (46.690, 32.830, "Dnipro"),
    (46.665, 32.720, "Dnipro at Antonivka / Oleshky"),
    (46.620, 32.620, "Dnipro south of Kherson"),
    (46.560, 32.500, "Dnipro north of Hola Prystan"),
    (46.530, 32.360, "Dnipro delta"),
    (46.530, 32.220, "Dnipro estuary"),
    (46.545, 32.050, "Dnipro estuary"),
    (46.565, 31.870, "Dnipro estuary"),
    (46.580, 31.700, "Dnipro estuary"),
    (46.585, 31.600, "Dnipro estuary east of Ochakiv"),
    (46.590, 31.520, "strait between Ochakiv and the Kinburn Spit"),
    (46.585, 31.440, "Black Sea off the Kinburn Spit"),
]

# RU ring after the line's southern end: Kinburn, Crimea, the Azov coast.
RU_COAST = [
    (46.520, 31.540, "Kinburn Spit, sea side"),
    (46.330, 31.550, "Tendra Spit, western end"),
    (46.140, 32.250, "Zaliznyi Port"),
    (46.100, 32.900, "Skadovsk"),
    (46.050, 33.550, "head of Karkinit Bay (Perekop)"),
    (45.800, 33.150, ""),
    (45.520, 32.700, "Chornomorske"),
    (45.350, 32.490, "Cape Tarkhankut"),
    (45.300, 32.950, ""),
    (45.200, 33.370, "Yevpatoria"),
    (44.950, 33.580, ""),
    (44.780, 33.530, ""),
    (44.600, 33.380, "Chersonesus (Sevastopol)"),
    (44.490, 33.520, "Balaklava"),
    (44.390, 33.730, "Cape Sarych"),
    (44.490, 34.170, "Yalta"),
    (44.670, 34.410, "Alushta"),
    (44.840, 34.970, "Sudak"),
    (45.030, 35.390, "Feodosia"),
    (45.100, 35.600, ""),
    (45.030, 36.200, "Cape Opuk"),
    (45.100, 36.450, "Cape Takil"),
    (45.330, 36.550, "Kerch"),
    (45.450, 36.580, "Kerch Peninsula, north-east tip"),
    (45.450, 36.100, ""),
    (45.400, 35.750, ""),
    (45.320, 35.480, "Arabat Bay shore"),
    (45.750, 35.150, "Arabat Spit"),
    (46.170, 34.810, "Henichesk"),
    (46.360, 35.370, "Kyrylivka"),
    (46.580, 35.900, ""),
    (46.720, 36.340, "Prymorsk"),
    (46.750, 36.780, "Berdiansk"),
    (46.920, 37.150, ""),
    (47.030, 37.480, "Mariupol"),
    (47.070, 37.700, ""),
    (47.100, 38.080, "Novoazovsk"),
]

# RU ring: state border from the Azov coast north and west, back to MAIN[0].
RU_BORDER = [
    (47.110, 38.230, "state border on the Azov coast"),
    (47.400, 38.330, ""),
    (47.680, 38.650, "Uspenka"),
    (47.900, 38.900, "Marynivka"),
    (47.980, 39.350, ""),
    (48.050, 39.880, "Dovzhansk"),
    (48.330, 39.980, "Izvaryne"),
    (48.620, 40.080, ""),
    (48.900, 40.200, ""),
    (49.150, 40.120, ""),
    (49.380, 40.160, "Milove"),
    (49.620, 39.850, ""),
    (49.800, 39.450, ""),
    (49.900, 39.000, ""),
    (50.000, 38.600, ""),
    (50.020, 38.250, "Pokrovske area"),
    (50.070, 37.970, "Topoli, opposite Valuiki"),
    (50.200, 37.800, ""),
    (50.330, 37.620, ""),
    (50.420, 37.420, "Budarky"),
    (50.400, 37.180, ""),
    (50.345, 36.950, "north of Vovchansk"),
]

# UA ring: state border from MAIN[0] west to the pocket's east end (exclusive).
UA_BORDER_EAST = [
    (50.300, 36.550, ""),
    (50.255, 36.220, "Hoptivka, north of Kharkiv"),
    (50.340, 36.100, "Kozacha Lopan"),
    (50.400, 35.800, ""),
    (50.430, 35.500, "Velyka Pysarivka"),
    (50.650, 35.500, ""),
    (50.800, 35.420, "east of Krasnopillia"),
    (50.970, 35.400, ""),
    (51.120, 35.240, "south-west of Sudzha"),
]

# UA ring after the pocket's west end (exclusive) round to the Black Sea coast.
UA_OUTLINE_WEST = [
    (51.270, 34.450, ""),
    (51.240, 34.220, "border near Tetkino"),
    (51.450, 34.100, ""),
    (51.700, 34.080, "east of Hlukhiv"),
    (51.900, 34.300, ""),
    (52.200, 34.120, "Seredyna-Buda"),
    (52.350, 33.850, ""),
    (52.360, 33.200, "Hremiach"),
    (52.250, 32.800, ""),
    (52.100, 32.350, ""),
    (52.110, 31.780, "Russia-Belarus-Ukraine tripoint"),
    (51.870, 31.150, ""),
    (51.750, 30.620, "Dnipro at Liubech"),
    (51.500, 30.550, ""),
    (51.450, 30.000, ""),
    (51.520, 29.300, ""),
    (51.550, 28.600, ""),
    (51.600, 27.800, ""),
    (51.850, 27.000, ""),
    (51.920, 26.400, ""),
    (51.900, 25.600, ""),
    (51.930, 24.800, ""),
    (51.850, 24.200, ""),
    (51.550, 23.620, "Poland-Belarus-Ukraine tripoint"),
    (51.200, 23.750, ""),
    (50.850, 24.100, ""),
    (50.550, 23.950, ""),
    (50.280, 23.550, "Rava-Ruska"),
    (50.050, 23.200, ""),
    (49.800, 23.000, "Shehyni"),
    (49.550, 22.700, ""),
    (49.300, 22.720, ""),
    (49.090, 22.560, "Poland-Slovakia-Ukraine tripoint"),
    (48.900, 22.400, ""),
    (48.650, 22.260, "Uzhhorod"),
    (48.400, 22.150, "Slovakia-Hungary-Ukraine tripoint"),
    (48.200, 22.550, ""),
    (47.990, 22.890, "Hungary-Romania-Ukraine tripoint"),
    (47.950, 23.400, ""),
    (47.940, 23.900, "Solotvyno"),
    (47.900, 24.350, ""),
    (47.730, 24.920, ""),
    (47.850, 25.250, ""),
    (47.980, 25.800, ""),
    (47.970, 26.100, ""),
    (48.150, 26.400, ""),
    (48.250, 26.620, "Romania-Moldova-Ukraine tripoint"),
    (48.480, 27.100, ""),
    (48.450, 27.750, "Mohyliv-Podilskyi"),
    (48.220, 28.450, ""),
    (47.950, 29.050, ""),
    (47.600, 29.400, ""),
    (47.200, 29.700, ""),
    (46.850, 29.950, ""),
    (46.600, 30.050, ""),
    (46.420, 30.100, "Palanca"),
    (46.250, 29.700, ""),
    (46.050, 29.000, ""),
    (45.800, 28.700, ""),
    (45.470, 28.210, "Giurgiulesti"),
    (45.440, 28.420, "Reni"),
    (45.330, 28.850, "Izmail"),
    (45.420, 29.280, "Kiliia"),
    (45.300, 29.720, "Danube mouth"),
    (45.650, 29.750, ""),
    (45.900, 30.120, ""),
    (46.100, 30.480, "Zatoka"),
    (46.300, 30.660, ""),
    (46.480, 30.760, "Odesa"),
    (46.570, 30.950, ""),
    (46.630, 31.150, ""),
    (46.610, 31.350, ""),
]

# Three illustrative disengagement areas: centre on the line, radius in km.
AREAS = [
    ("da-kupiansk-oskil", "Kupiansk (Oskil crossing)", 12, 13, 3.0,
     "illustrative: invented for the example; straddles the line where it crosses the Oskil north of Kupiansk"),
    ("da-kostiantynivka", "Kostiantynivka south-east", 32, 33, 3.0,
     "illustrative: invented for the example; on the south-eastern outskirts of Kostiantynivka"),
    ("da-orikhiv", "Orikhiv south-east", 53, 54, 3.0,
     "illustrative: invented for the example; on the line south-east of Orikhiv"),
]


def pos(v):
    """GeoJSON position [lon, lat] rounded to 5 decimals."""
    return [round(v[1], 5), round(v[0], 5)]


def ring(vertices):
    r = [pos(v) for v in vertices]
    return r + [r[0]]


def signed_area(r):
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(r, r[1:])) / 2


def ccw(r):
    return r if signed_area(r) > 0 else r[::-1]


def octagon(lat, lon, radius_km):
    km_lat = 111.2
    km_lon = 111.2 * math.cos(math.radians(lat))
    pts = []
    for k in range(8):
        a = math.radians(22.5 + 45 * k)
        pts.append((lat + radius_km * math.sin(a) / km_lat, lon + radius_km * math.cos(a) / km_lon, ""))
    return pts


def dump(obj, indent=0):
    """JSON with one position per line: readable and diff-friendly."""
    pad = "  " * indent
    if isinstance(obj, list) and obj and isinstance(obj[0], (int, float)):
        return "[" + ", ".join(json.dumps(x) for x in obj) + "]"
    if isinstance(obj, list):
        if not obj:
            return "[]"
        return "[\n" + ",\n".join(pad + "  " + dump(x, indent + 1) for x in obj) + "\n" + pad + "]"
    if isinstance(obj, dict):
        items = [pad + "  " + json.dumps(k, ensure_ascii=False) + ": " + dump(v, indent + 1)
                 for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    return json.dumps(obj, ensure_ascii=False)


def write(path, features):
    with open(path, "w", encoding="utf-8") as f:
        f.write(dump({"type": "FeatureCollection", "features": features}) + "\n")


def main():
    out = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    line = {
        "type": "Feature",
        "properties": {
            "name": "Line of contact, early January 2026 (illustrative)",
            "note": ("Coarse, hand-digitised from town positions and public reporting; not from any "
                     "dataset. Part 0: Russian-held pocket on the Sumy oblast border; part 1: main "
                     "line from the state border near Vovchansk to the Black Sea off the Kinburn Spit. "
                     "Not an authoritative depiction of control."),
        },
        "geometry": {"type": "MultiLineString",
                     "coordinates": [[pos(v) for v in POCKET], [pos(v) for v in MAIN]]},
    }
    write(os.path.join(out, "line-of-contact.geojson"), [line])

    ru_main = ccw(ring(MAIN + RU_COAST + RU_BORDER))
    ru_pocket = ccw(ring(POCKET))
    ua = ccw(ring(MAIN[:1] + UA_BORDER_EAST + POCKET[::-1] + UA_OUTLINE_WEST + MAIN[::-1][:-1]))
    write(os.path.join(out, "control-ru.geojson"), [{
        "type": "Feature", "properties": {"party": "RU"},
        "geometry": {"type": "MultiPolygon", "coordinates": [[ru_main], [ru_pocket]]}}])
    write(os.path.join(out, "control-ua.geojson"), [{
        "type": "Feature", "properties": {"party": "UA"},
        "geometry": {"type": "Polygon", "coordinates": [ua]}}])

    features = []
    for area_id, name, i, j, radius, note in AREAS:
        lat = (MAIN[i][0] + MAIN[j][0]) / 2
        lon = (MAIN[i][1] + MAIN[j][1]) / 2
        features.append({
            "type": "Feature",
            "properties": {"id": area_id, "name": name, "note": note},
            "geometry": {"type": "Polygon", "coordinates": [ccw(ring(octagon(lat, lon, radius)))]},
        })
    write(os.path.join(out, "disengagement-areas.geojson"), features)


if __name__ == "__main__":
    main()
