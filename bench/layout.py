# Prints a workbook's layout: every sheet with the number of columns of its
# first row, a table's continuation sheets ("Fahrplan 2", "Fahrplan 3": the same
# header, written because a sheet holds at most 1,048,576 rows) folded into the
# sheet they continue as "+N". Two workbooks have the same layout when these
# lines are equal without the "+N".
import re, sys, zipfile

z = zipfile.ZipFile(sys.argv[1])
rels = {}
for attrs in re.findall(r"<Relationship ([^>]*)/?>", z.read("xl/_rels/workbook.xml.rels").decode()):
    a = dict(re.findall(r'(\w+)="([^"]*)"', attrs))
    rels[a["Id"]] = a["Target"].lstrip("/")
layout, seen = [], {}
for attrs in re.findall(r"<sheet ([^>]*)/?>", z.read("xl/workbook.xml").decode()):
    name = re.search(r'name="([^"]*)"', attrs).group(1)
    rid = re.search(r'r:id="([^"]*)"', attrs).group(1)
    part = rels[rid] if rels[rid].startswith("xl/") else "xl/" + rels[rid]
    with z.open(part) as f:
        head = f.read(1 << 16).decode("utf-8", "replace")
    first = re.search(r'<row r="1"[^>]*>(.*?)</row>', head, re.S)
    cols = len(re.findall(r"<c ", first.group(1))) if first else 0
    m = re.fullmatch(r"(.*) (\d+)", name)
    if m and m.group(1) in seen and seen[m.group(1)][1] == cols:
        seen[m.group(1)][2] += 1
        continue
    seen[name] = entry = [name, cols, 0]
    layout.append(entry)
print(" ".join(f"{n}:{c}" + (f"+{k}" if k else "") for n, c, k in layout))
