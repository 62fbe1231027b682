"""How ledger_before_lots.gpkg was made, with the code before lots (commit e674890): a ledger in the format
every ledger made before lots has. Run from the repository root at that commit: python ledger_before_lots.py out.gpkg"""
import sqlite3
import sys
from decimal import Decimal as D  # noqa: N817

import shapely

sys.path.insert(0, ".")
from land_supervision.core.ledger import Entry, open_ledger

path = sys.argv[1]
led = open_ledger(path)
led.post(Entry("grant", {("plan", "area"): D("100")}, year=2020, value_date="2020-01-10", evidence="g1"))      # 1
led.post(Entry("grant", {("plan", "area"): D("50")}, year=2020, value_date="2020-03-01", evidence="g2"))       # 2
led.post(Entry("purchase", {("linkage_surplus", "area"): D("405"), ("spatial", "area"): D("296")}, year=2018,
               value_date="2018-06-30", counterparty="跨省", region="跨省", price="350500000"))               # 3
led.post(Entry("grant", {("compensation", "cultivated_area"): D("30"), ("compensation", "paddy_area"): D("10"),
                         ("compensation", "grain_capacity"): D("12000")}, year=2020, value_date="2020-02-01"))  # 4
led.post(Entry("grant", {("compensation", "cultivated_area"): D("20"), ("compensation", "paddy_area"): D("20"),
                         ("compensation", "grain_capacity"): D("10000")}, year=2020, value_date="2020-04-01"))  # 5
led.post(Entry("allocation", {("plan", "area"): D("120")}, year=2020, value_date="2020-05-01", project_id="P1",
               batch_no="B1", geometry=shapely.box(600000, 3400000, 600100, 3400100)))                        # 6
led.post(Entry("allocation", {("compensation", "cultivated_area"): D("35"), ("compensation", "paddy_area"): D("15"),
                         ("compensation", "grain_capacity"): D("14000")}, year=2020, value_date="2020-05-02",
               project_id="P2", batch_no="B2"))                                                                # 7
led.post(Entry("advance", {("plan", "area"): D("600")}, year=2019, value_date="2019-03-20", evidence="省预支"))  # 8
led.post(Entry("allocation", {("linkage_surplus", "area"): D("133")}, year=2020, value_date="2020-06-15",
               project_id="P3", batch_no="B3"))                                                                # 9
led.reverse(9, evidence="录入错误", value_date="2020-06-16")                                                    # 10
led.post(Entry("repayment", {("plan", "area"): D("200")}, year=2020, value_date="2020-12-01"))                  # 11
print(led.verify(), led.receipt())
led.close()
conn = sqlite3.connect(path)
conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
conn.execute("PRAGMA journal_mode=DELETE")
conn.close()
