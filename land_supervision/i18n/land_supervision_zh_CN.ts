<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>LandSupervision</name>
    <message>
        <location filename="../../land_supervision/algorithms/base.py" line="15"/>
        <source>General</source>
        <translation>通用</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/base.py" line="16"/>
        <source>Reclamation acceptance</source>
        <translation>建设用地复垦验收</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/base.py" line="17"/>
        <source>Quota ledger</source>
        <translation>用地指标台账</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/base.py" line="18"/>
        <source>Ecological zoning</source>
        <translation>生态分区管控</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/base.py" line="19"/>
        <source>Satellite-patrol reconciliation</source>
        <translation>卫片执法图斑核查</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/base.py" line="59"/>
        <source>No output file given for {parameter}</source>
        <translation>未指定 {parameter} 的输出文件</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/base.py" line="63"/>
        <source>Cannot write {path}: folder {folder} does not exist</source>
        <translation>无法写入 {path}：文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/base.py" line="70"/>
        <source>Cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/base.py" line="73"/>
        <source>Cannot write {path}: it is a folder</source>
        <translation>无法写入 {path}：这是一个文件夹</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/create_demo_data.py" line="22"/>
        <source>Create demo data</source>
        <translation>生成演示数据</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/create_demo_data.py" line="24"/>
        <source>Writes a synthetic, deterministic GeoPackage for trying every tool: the 9 Pinghu towns, a 三调 baseline survey, 永久基本农田, 城镇开发边界, approvals, satellite patches with a verification table, reclamation projects and plots, the 王盘山 park zones (illustrative, 3900.00 and 7899.84 ha), activities and vessel tracks. All layers are in EPSG:4549 and marked synthetic.
OUTPUT: the .gpkg to write (replaced if it exists).
SCALE: size factor; 1 gives about 20,000 baseline polygons, 50 about 1,000,000.
SEED: the same seed and scale always give the same data (the content hash is reported).</source>
        <translation>生成一个合成的、可复现的 GeoPackage，用于试用全部工具：平湖 9 个镇街道、三调基期地类图斑、永久基本农田、城镇开发边界、审批用地、卫片图斑及核查表、复垦项目与地块、王盘山公园管控分区（示意边界，3900.00 与 7899.84 公顷）、拟建活动与船舶轨迹。所有图层均为 EPSG:4549，并标注为合成数据。
OUTPUT：要写入的 .gpkg（已存在则替换）。
SCALE：规模系数；1 约 20,000 个基期图斑，50 约 1,000,000 个。
SEED：相同的种子和规模总是生成相同的数据（报告内容哈希）。</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/create_demo_data.py" line="39"/>
        <source>Scale (1 = about 20,000 baseline polygons)</source>
        <translation>规模（1 = 约 20,000 个基期图斑）</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/create_demo_data.py" line="42"/>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/create_demo_data.py" line="44"/>
        <source>Demo GeoPackage</source>
        <translation>演示数据 GeoPackage</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/create_demo_data.py" line="44"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/create_demo_data.py" line="45"/>
        <source>Content hash</source>
        <translation>内容哈希</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/create_demo_data.py" line="46"/>
        <source>Number of layers</source>
        <translation>图层数</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/create_demo_data.py" line="58"/>
        <source>Generating demo data: seed {seed}, scale {scale}</source>
        <translation>正在生成演示数据：种子 {seed}，规模 {scale}</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/create_demo_data.py" line="62"/>
        <source>Generating {step} layers</source>
        <translation>正在生成 {step} 图层</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/create_demo_data.py" line="79"/>
        <source>Content hash: {hash}</source>
        <translation>内容哈希：{hash}</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/layer_io.py" line="168"/>
        <source>Cannot write layer {layer} to {path}: {error}</source>
        <translation>无法将图层 {layer} 写入 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/layer_io.py" line="55"/>
        <source>Layer '{layer}' has no field '{field}'</source>
        <translation>图层“{layer}”缺少字段“{field}”</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/balances.py" line="34"/>
        <source>Ledger balances</source>
        <translation>指标台账余额</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/balances.py" line="36"/>
        <source>A table of the quota ledger's balances by quota kind, component, quota year and source tag (下达/奖励/预支/购入/复垦/盘活): what came in, what went out, the balance and what is owed on advances.
LEDGER: a .gpkg file, a saved QGIS PostgreSQL connection or a PostgreSQL URI (not created).
OUTPUT: a table without geometry (amounts in 亩, grain capacity in kg). A row's balance may be negative (for example quota used from an advance); the rules keep each kind's total balance at or above zero.</source>
        <translation>按指标类型、分量、指标年度和来源(下达/奖励/预支/购入/复垦/盘活)列出用地指标台账的余额:收入、支出、余额及预支未还数。
LEDGER:.gpkg 文件、QGIS 中保存的 PostgreSQL 连接名或 PostgreSQL URI(不新建)。
OUTPUT:无几何的表(面积单位亩,粮食产能单位 kg)。单行余额可为负(例如使用了预支的指标);规则保证每类指标的总余额不低于零。</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/balances.py" line="46"/>
        <source>Balances</source>
        <translation>余额</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/balances.py" line="50"/>
        <source>Ledger: {uri}</source>
        <translation>台账:{uri}</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/check_allocation.py" line="102"/>
        <source>Baseline reprojected to {crs}</source>
        <translation>基期调查图斑已重投影到 {crs}</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/check_allocation.py" line="133"/>
        <source>Using the ledger's project layer: {count} projects</source>
        <translation>使用台账自带的项目图层:{count} 个项目</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/check_allocation.py" line="142"/>
        <source>Project polygons reprojected to {crs}</source>
        <translation>项目范围已重投影到 {crs}</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/check_allocation.py" line="148"/>
        <source>Layer '{layer}', feature {fid}: invalid geometry (repair it first)</source>
        <translation>图层“{layer}”要素 {fid}:几何无效(请先修复)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/check_allocation.py" line="152"/>
        <source>Layer '{layer}', feature {fid}: field '{field}' is empty</source>
        <translation>图层“{layer}”要素 {fid}:字段“{field}”为空</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/check_allocation.py" line="42"/>
        <source>Check project quota (占补平衡)</source>
        <translation>项目指标核查(占补平衡)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/check_allocation.py" line="44"/>
        <source>Overlays project polygons on the 三调 baseline survey and says, per project, what quota it needs, what it was allocated in the ledger, what the current balances can still cover and what is short, in 亩.
Needs: plan quota for the agricultural land (农用地) converted; compensation 耕地数量 for the 耕地 (水田/水浇地/旱地) occupied, net of 田坎 (area x (1 - KCXS)); 水田规模 for the net 水田; 粮食产能 = net 耕地 x the grain rate of its class (kg/亩; bureau default table resources/ledger/grain_rates.csv). Areas are ellipsoidal (CGCS2000). Plan needs are covered by plan and linkage-surplus allocations.
LEDGER: a .gpkg file, a saved QGIS PostgreSQL connection or a PostgreSQL URI (not created).
PROJECTS: project polygons (optional: default the ledger's own project layer); PROJECT_ID_FIELD: their id field (default XMBH), matching the ledger's project ids.
BASELINE: 三调 land-class patches with DLBM and KCXS.
GRAIN_RATES: optional CSV (code, kg_per_mu) replacing the default rates.
OUTPUT: one row per project and requirement with its polygon: need, allocated, short_of_allocation, from_balance, short and status (covered / coverable from the balance / short). SHORT_PROJECTS counts projects with something short.</source>
        <translation>将项目范围与三调基期图斑叠加,逐个项目说明需要多少指标、台账中已安排多少、现有余额还能补足多少、还缺多少(亩)。
需求:转用的农用地需要新增建设用地计划指标;占用的耕地(水田/水浇地/旱地)扣除田坎后(面积 ×(1 - KCXS))需要补充耕地数量;占用的净水田需要水田规模;粮食产能 = 净耕地面积 × 该地类的每亩产能(kg/亩,局默认表 resources/ledger/grain_rates.csv)。面积按 CGCS2000 椭球面计算。计划指标需求可由计划指标和增减挂钩节余指标的安排满足。
LEDGER:.gpkg 文件、QGIS 中保存的 PostgreSQL 连接名或 PostgreSQL URI(不新建)。
PROJECTS:项目范围(可选,默认使用台账自带的项目图层);PROJECT_ID_FIELD:项目编号字段(默认 XMBH),与台账中的项目编号对应。
BASELINE:含 DLBM 和 KCXS 的三调地类图斑。
GRAIN_RATES:可选的 CSV(code, kg_per_mu),替代默认产能表。
OUTPUT:每个项目每项需求一行,带项目范围:need 需求、allocated 已安排、short_of_allocation 安排缺口、from_balance 余额可补、short 缺口及 status(已覆盖/余额可补足/缺口)。SHORT_PROJECTS 为有缺口的项目数。</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/check_allocation.py" line="64"/>
        <source>Project polygons (empty: the ledger's project layer)</source>
        <translation>项目范围(留空:使用台账的项目图层)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/check_allocation.py" line="67"/>
        <source>Project id field</source>
        <translation>项目编号字段</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/check_allocation.py" line="70"/>
        <source>Baseline survey patches (三调 DLTB)</source>
        <translation>基期调查图斑(三调 DLTB)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/check_allocation.py" line="72"/>
        <source>Grain rates per 亩 (CSV, optional)</source>
        <translation>每亩粮食产能表(CSV,可选)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/check_allocation.py" line="73"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/check_allocation.py" line="74"/>
        <source>Quota check</source>
        <translation>指标核查</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/check_allocation.py" line="75"/>
        <source>Projects with a shortfall</source>
        <translation>有缺口的项目数</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/check_allocation.py" line="85"/>
        <source>Cannot read the grain rates {path}: {error}</source>
        <translation>无法读取粮食产能表 {path}:{error}</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/check_allocation.py" line="97"/>
        <source>No project polygons to check</source>
        <translation>没有可核查的项目范围</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/common.py" line="17"/>
        <source>Ledger: a .gpkg file, a QGIS PostgreSQL connection name or a PostgreSQL URI</source>
        <translation>台账:.gpkg 文件、QGIS 的 PostgreSQL 连接名或 PostgreSQL URI</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/common.py" line="18"/>
        <source>A GeoPackage path (created if missing), the name of a PostgreSQL connection saved in QGIS, or a URI such as postgresql://user@host/db or service=name</source>
        <translation>GeoPackage 文件路径(不存在则新建)、QGIS 中保存的 PostgreSQL 连接名,或 postgresql://user@host/db、service=name 这样的 URI</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/common.py" line="41"/>
        <source>No ledger given (LEDGER): a .gpkg path or a PostgreSQL connection</source>
        <translation>未指定台账(LEDGER):请给出 .gpkg 路径或 PostgreSQL 连接</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/common.py" line="48"/>
        <source>Ledger '{value}' is neither a .gpkg file nor a saved PostgreSQL connection</source>
        <translation>台账“{value}”既不是 .gpkg 文件,也不是已保存的 PostgreSQL 连接</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/import_entries.py" line="18"/>
        <source>Import ledger transactions</source>
        <translation>导入台账交易</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/import_entries.py" line="20"/>
        <source>Posts the rows of a CSV (UTF-8 or GBK) or XLSX file to the quota ledger in one transaction: every row is posted, or none is; an error names the file's row number (the header is row 1).
LEDGER: a .gpkg file (created if missing), a saved QGIS PostgreSQL connection or a PostgreSQL URI.
INPUT: one row per entry with the columns txn_type, value_date, year, source, plan, spatial, linkage_surplus, cultivated_area, paddy_area, grain_capacity, project_id, project_name, batch_no, counterparty, region, price, evidence, town, reverses, note, wkt (the project polygon of an allocation, EPSG:4549). Amounts are magnitudes in 亩 (grain capacity in kg); blank cells mean none; rows whose txn_type starts with # are comments. resources/ledger/bureau_transactions.csv is an example.
Outputs: ENTRIES (entries posted), FIRST_ENTRY and LAST_ENTRY (their numbers).</source>
        <translation>把 CSV(UTF-8 或 GBK)或 XLSX 文件的各行在一个事务中记入用地指标台账:要么全部记入,要么一行也不记;出错时指明文件中的行号(表头为第 1 行)。
LEDGER:.gpkg 文件(不存在则新建)、QGIS 中保存的 PostgreSQL 连接名或 PostgreSQL URI。
INPUT:每行一笔分录,列为 txn_type, value_date, year, source, plan, spatial, linkage_surplus, cultivated_area, paddy_area, grain_capacity, project_id, project_name, batch_no, counterparty, region, price, evidence, town, reverses, note, wkt(项目使用的项目范围,EPSG:4549)。数量为绝对值,单位亩(粮食产能为 kg);空单元格表示无;txn_type 以 # 开头的行为注释。示例见 resources/ledger/bureau_transactions.csv。
输出:ENTRIES(记入的分录数)、FIRST_ENTRY 和 LAST_ENTRY(首末分录号)。</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/import_entries.py" line="35"/>
        <source>Transactions (CSV or XLSX)</source>
        <translation>交易记录(CSV 或 XLSX)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/import_entries.py" line="35"/>
        <source>Tables (*.csv *.xlsx)</source>
        <translation>表格 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/import_entries.py" line="36"/>
        <source>Entries posted</source>
        <translation>记入的分录数</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/import_entries.py" line="37"/>
        <source>First entry number</source>
        <translation>首个分录号</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/import_entries.py" line="38"/>
        <source>Last entry number</source>
        <translation>末个分录号</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/import_entries.py" line="47"/>
        <source>Nothing imported from {path}: {error}</source>
        <translation>未从 {path} 导入任何记录:{error}</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/import_entries.py" line="49"/>
        <source>Imported {count} entries ({first}-{last})</source>
        <translation>已导入 {count} 笔分录({first}-{last})</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="111"/>
        <source>Posted entry {entry} line {line}: {kind}.{component} {amount}</source>
        <translation>已记入分录 {entry} 第 {line} 行:{kind}.{component} {amount}</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="128"/>
        <source>The project layer has no polygons</source>
        <translation>项目图层中没有面</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="131"/>
        <source>Project layer '{layer}': feature {fid} has an invalid geometry</source>
        <translation>项目图层“{layer}”:要素 {fid} 的几何无效</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="35"/>
        <source>Plan quota (亩)</source>
        <translation>计划指标(亩)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="35"/>
        <source>Spatial quota (亩)</source>
        <translation>规划空间指标(亩)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="35"/>
        <source>Linkage surplus (亩)</source>
        <translation>增减挂钩节余指标(亩)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="36"/>
        <source>Compensation: cultivated area 耕地数量 (亩)</source>
        <translation>补充耕地:耕地数量(亩)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="37"/>
        <source>Compensation: paddy area 水田规模 (亩)</source>
        <translation>补充耕地:水田规模(亩)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="38"/>
        <source>Compensation: grain capacity 粮食产能 (kg)</source>
        <translation>补充耕地:粮食产能(kg)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="39"/>
        <source>Project id</source>
        <translation>项目编号</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="39"/>
        <source>Project name</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="39"/>
        <source>Approval batch no.</source>
        <translation>审批批次号</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="40"/>
        <source>Counterparty</source>
        <translation>交易对方</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="40"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="40"/>
        <source>Price (元)</source>
        <translation>价格(元)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="41"/>
        <source>Evidence</source>
        <translation>依据文件</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="41"/>
        <source>Town</source>
        <translation>镇街道</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="41"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="42"/>
        <source>Source tag (empty: default)</source>
        <translation>来源(留空:默认)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="42"/>
        <source>Date (YYYY-MM-DD, empty: today)</source>
        <translation>日期(YYYY-MM-DD,留空:今天)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="48"/>
        <source>Post a ledger transaction</source>
        <translation>记入台账交易</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="50"/>
        <source>Posts one transaction to the quota ledger (用地指标台账), checked against every ledger rule; refused postings change nothing.
LEDGER: a .gpkg file (created if missing), a saved QGIS PostgreSQL connection or a PostgreSQL URI.
TXN_TYPE: grant 下达, award 奖励, advance 预支 (must be repaid), repayment 归还预支, purchase 购入, reclamation credit 复垦入库 (once per project), allocation to a project 项目使用, transfer out 调出, reversal 冲正 (names the entry it reverses in REVERSES).
Amounts: exact numbers in 亩 (grain capacity in kg), at most 4 decimals, typed as text. Compensation quota carries 耕地数量, 水田规模 and 粮食产能 together.
Particulars: an allocation needs PROJECT_ID and BATCH_NO (PROJECT_GEOMETRY: its polygons, stored in the ledger's project layer); purchase and transfer out need COUNTERPARTY, REGION and PRICE; an advance needs EVIDENCE; a reclamation credit needs PROJECT_ID.
Rules: no balance goes below zero (an advance is the one way to use quota not yet granted; it shows as owed until repaid); a repayment is at most what is owed.
Outputs: ENTRY_NO (the new entry number) and BALANCE (the balances after posting).</source>
        <translation>向用地指标台账记入一笔交易,按全部台账规则检查;被拒绝的交易不做任何改动。
LEDGER:.gpkg 文件(不存在则新建)、QGIS 中保存的 PostgreSQL 连接名或 PostgreSQL URI。
TXN_TYPE:下达、奖励、预支(须归还)、归还预支、购入、复垦入库(每个项目一次)、项目使用、调出、冲正(在 REVERSES 中写明被冲正的分录号)。
数量:以文本输入的精确数字,单位亩(粮食产能为 kg),最多 4 位小数。补充耕地指标的耕地数量、水田规模和粮食产能一并记载。
要素:项目使用须填 PROJECT_ID 和 BATCH_NO(PROJECT_GEOMETRY:项目范围,存入台账的项目图层);购入和调出须填 COUNTERPARTY、REGION 和 PRICE;预支须填 EVIDENCE;复垦入库须填 PROJECT_ID。
规则:余额不得低于零(预支是使用尚未下达指标的唯一途径,归还前显示为欠还);归还不得超过所欠。
输出:ENTRY_NO(新分录号)和 BALANCE(记入后的余额)。</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="70"/>
        <source>Transaction type</source>
        <translation>交易类型</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="73"/>
        <source>Quota year</source>
        <translation>指标年度</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="79"/>
        <source>Entry number to reverse (reversal only)</source>
        <translation>被冲正的分录号(仅冲正)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="82"/>
        <source>Project polygons (allocation only)</source>
        <translation>项目范围(仅项目使用)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="84"/>
        <source>Entry number</source>
        <translation>分录号</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/post.py" line="85"/>
        <source>Balances after posting</source>
        <translation>记入后的余额</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/statement.py" line="19"/>
        <source>Ledger statement (PDF and XLSX)</source>
        <translation>台账期间报表(PDF 和 XLSX)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/statement.py" line="21"/>
        <source>The quota ledger's statement for a period: per quota kind and component the opening balance (before DATE_FROM), what came in and went out (value dates from DATE_FROM to DATE_TO, both included), the closing balance and what is owed on advances; then the period's entries.
LEDGER: a .gpkg file, a saved QGIS PostgreSQL connection or a PostgreSQL URI (not created).
DATE_FROM, DATE_TO: YYYY-MM-DD.
OUTPUT_PDF: the statement printed through a QGIS print layout (optional).
OUTPUT_XLSX: the same figures as a workbook with a summary and an entries sheet (optional).
Amounts are in 亩 with two decimals (粮食产能 in kg); SUMMARY gives the figures as text.</source>
        <translation>用地指标台账的期间报表:按指标类型和分量列出期初余额(DATE_FROM 之前)、本期收入和支出(业务日期在 DATE_FROM 至 DATE_TO 之间,含两端)、期末余额和预支未还数,并列出本期分录。
LEDGER:.gpkg 文件、QGIS 中保存的 PostgreSQL 连接名或 PostgreSQL URI(不新建)。
DATE_FROM、DATE_TO:YYYY-MM-DD。
OUTPUT_PDF:用 QGIS 打印布局输出的报表(可选)。
OUTPUT_XLSX:同样数字的工作簿,含汇总表和分录表(可选)。
数量单位为亩,保留两位小数(粮食产能为 kg);SUMMARY 以文本给出各项数字。</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/statement.py" line="34"/>
        <source>From (YYYY-MM-DD)</source>
        <translation>起始日期(YYYY-MM-DD)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/statement.py" line="36"/>
        <source>To (YYYY-MM-DD)</source>
        <translation>截止日期(YYYY-MM-DD)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/statement.py" line="39"/>
        <source>Statement PDF</source>
        <translation>报表 PDF</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/statement.py" line="39"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/statement.py" line="41"/>
        <source>Statement XLSX</source>
        <translation>报表 XLSX</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/statement.py" line="41"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/statement.py" line="42"/>
        <source>Statement figures</source>
        <translation>报表数字</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/verify.py" line="13"/>
        <source>Verify the ledger</source>
        <translation>校验台账</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/verify.py" line="15"/>
        <source>Checks that the quota ledger has not been tampered with: every journal line's SHA-256 hash is recomputed over its content and the previous line's hash, the line numbers must run without gaps, and the stored balances must equal the sums of the journal.
LEDGER: a .gpkg file, a saved QGIS PostgreSQL connection or a PostgreSQL URI (not created).
Outputs: OK (true when intact), LINES (lines checked), BAD_LINE (the first bad line, 0 if none), MESSAGE (what is wrong, in Chinese and English).</source>
        <translation>检查用地指标台账是否被篡改:对每行流水按其内容和上一行的哈希重新计算 SHA-256 哈希,行号必须连续无缺,存储的余额必须等于流水合计。
LEDGER:.gpkg 文件、QGIS 中保存的 PostgreSQL 连接名或 PostgreSQL URI(不新建)。
输出:OK(完好为真)、LINES(检查的行数)、BAD_LINE(第一处问题行,无则为 0)、MESSAGE(中英文说明问题)。</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/verify.py" line="26"/>
        <source>Ledger intact</source>
        <translation>台账完好</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/verify.py" line="27"/>
        <source>Lines checked</source>
        <translation>检查行数</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/verify.py" line="28"/>
        <source>First bad line</source>
        <translation>第一处问题行</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/ledger/verify.py" line="29"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../land_supervision/algorithms/provider.py" line="27"/>
        <source>国土空间监管 Land Supervision</source>
        <translation>国土空间监管工具箱</translation>
    </message>
    <message>
        <location filename="../../land_supervision/dependency_notice.py" line="15"/>
        <source>Land Supervision needs the Python package {package} in QGIS's Python. Install it with: python3 -m pip install --user --no-binary shapely "shapely&gt;=2" (built against QGIS's own GEOS; in the OSGeo4W Shell on Windows), then restart QGIS.</source>
        <translation>国土空间监管工具箱需要在 QGIS 的 Python 中安装 {package}。安装命令：python3 -m pip install --user --no-binary shapely "shapely&gt;=2"（基于 QGIS 自带的 GEOS 编译；Windows 下在 OSGeo4W Shell 中执行），然后重启 QGIS。</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/dock_base.py" line="41"/>
        <source>This tool's panel is being built; its algorithms are in the Processing toolbox.</source>
        <translation>本工具的面板正在建设中；其算法可在处理工具箱中使用。</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/post_form.py" line="114"/>
        <source>Post</source>
        <translation>记入</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/post_form.py" line="117"/>
        <source>Append the entry to the ledger (it cannot be edited afterwards, only reversed)</source>
        <translation>把分录追加到台账(之后不能修改,只能冲正)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/post_form.py" line="162"/>
        <source>Open a ledger first</source>
        <translation>请先打开台账</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/post_form.py" line="173"/>
        <source>OK: {count} journal line(s) would be posted</source>
        <translation>校验通过:将记入 {count} 行流水</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/post_form.py" line="44"/>
        <source>新增建设用地计划指标, exact, at most 4 decimals</source>
        <translation>新增建设用地计划指标,精确数,最多 4 位小数</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/post_form.py" line="45"/>
        <source>规划空间指标, exact, at most 4 decimals</source>
        <translation>规划空间指标,精确数,最多 4 位小数</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/post_form.py" line="46"/>
        <source>城乡建设用地增减挂钩节余指标</source>
        <translation>城乡建设用地增减挂钩节余指标</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/post_form.py" line="48"/>
        <source>补充耕地指标 carries 耕地数量, 水田规模 and 粮食产能 together</source>
        <translation>补充耕地指标的耕地数量、水田规模和粮食产能一并记载</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/post_form.py" line="49"/>
        <source>At most the cultivated area</source>
        <translation>不超过耕地数量</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/post_form.py" line="50"/>
        <source>Grain capacity in kg</source>
        <translation>粮食产能,单位 kg</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/post_form.py" line="51"/>
        <source>Needed by allocations and reclamation credits</source>
        <translation>项目使用和复垦入库必填</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/post_form.py" line="52"/>
        <source>Shown in statements</source>
        <translation>在报表中显示</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/post_form.py" line="53"/>
        <source>Needed by allocations</source>
        <translation>项目使用必填</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/post_form.py" line="54"/>
        <source>Needed by purchases and transfers out</source>
        <translation>购入和调出必填</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/post_form.py" line="55"/>
        <source>Needed by purchases and transfers out, e.g. 跨省 / 跨市</source>
        <translation>购入和调出必填,如 跨省 / 跨市</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/post_form.py" line="57"/>
        <source>The document the entry rests on (needed by advances)</source>
        <translation>分录所依据的文件(预支必填)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/post_form.py" line="58"/>
        <source>镇街道</source>
        <translation>镇街道</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/post_form.py" line="59"/>
        <source>Free text</source>
        <translation>自由文本</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/post_form.py" line="94"/>
        <source>Value date of the entry</source>
        <translation>分录的业务日期</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/post_form.py" line="95"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/tables.py" line="30"/>
        <source>Balance per quota kind; owed = advances not yet repaid</source>
        <translation>各类指标余额;欠还 = 尚未归还的预支</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/tables.py" line="31"/>
        <source>Quota</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/tables.py" line="31"/>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/tables.py" line="31"/>
        <source>Owed</source>
        <translation>预支未还</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/tables.py" line="31"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/tables.py" line="66"/>
        <source>Show only this quota kind</source>
        <translation>只显示这类指标</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/tables.py" line="67"/>
        <source>All kinds</source>
        <translation>全部指标</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/tables.py" line="72"/>
        <source>Show only this transaction type</source>
        <translation>只显示这种交易类型</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/tables.py" line="73"/>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/tables.py" line="79"/>
        <source>Show only entries of projects whose id contains this text</source>
        <translation>只显示项目编号包含此文本的分录</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/tables.py" line="89"/>
        <source>Entry no.</source>
        <translation>分录号</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/tables.py" line="89"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/tables.py" line="90"/>
        <source>Amount (亩/kg)</source>
        <translation>数量(亩/kg)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/tables.py" line="90"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/tables.py" line="90"/>
        <source>Reverses</source>
        <translation>冲正分录</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/tables.py" line="95"/>
        <source>Reverse selected entry</source>
        <translation>冲正所选分录</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger/tables.py" line="97"/>
        <source>Post a reversal naming the selected entry (entries are never edited)</source>
        <translation>记入一笔指明所选分录的冲正(分录从不修改)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger_dock.py" line="101"/>
        <source>Open the ledger (a new GeoPackage is created)</source>
        <translation>打开台账(GeoPackage 不存在则新建)</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger_dock.py" line="106"/>
        <source>No ledger open</source>
        <translation>未打开台账</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger_dock.py" line="113"/>
        <source>Map and statement</source>
        <translation>地图与报表</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger_dock.py" line="115"/>
        <source>Show project allocations on the map</source>
        <translation>在地图上显示项目用地</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger_dock.py" line="117"/>
        <source>Add the ledger's project layer (allocated project polygons) to the map</source>
        <translation>把台账的项目图层(已安排指标的项目范围)加到地图</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger_dock.py" line="131"/>
        <source>Print statement</source>
        <translation>打印报表</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger_dock.py" line="133"/>
        <source>Write the period statement as a PDF</source>
        <translation>把期间报表输出为 PDF</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger_dock.py" line="135"/>
        <source>Export XLSX</source>
        <translation>导出 XLSX</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger_dock.py" line="137"/>
        <source>Write the period statement as an XLSX workbook</source>
        <translation>把期间报表输出为 XLSX 工作簿</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger_dock.py" line="150"/>
        <source>Ledger GeoPackage</source>
        <translation>台账 GeoPackage</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger_dock.py" line="179"/>
        <source>Open: {uri}</source>
        <translation>已打开:{uri}</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger_dock.py" line="201"/>
        <source>Posted entry {entry}</source>
        <translation>已记入分录 {entry}</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger_dock.py" line="211"/>
        <source>Entry {entry} reversed by entry {reversal}</source>
        <translation>分录 {entry} 已由分录 {reversal} 冲正</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger_dock.py" line="222"/>
        <source>Quota ledger projects</source>
        <translation>指标台账项目</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger_dock.py" line="237"/>
        <source>Added {count} projects to the map</source>
        <translation>已把 {count} 个项目加到地图</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger_dock.py" line="246"/>
        <source>Statement</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger_dock.py" line="257"/>
        <source>Statement written: {path}</source>
        <translation>报表已写出:{path}</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger_dock.py" line="56"/>
        <source>Post a transaction</source>
        <translation>记入交易</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger_dock.py" line="62"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger_dock.py" line="76"/>
        <source>Ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger_dock.py" line="81"/>
        <source>A .gpkg file or a PostgreSQL URI</source>
        <translation>.gpkg 文件或 PostgreSQL URI</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger_dock.py" line="84"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger_dock.py" line="86"/>
        <source>Choose or create a GeoPackage ledger</source>
        <translation>选择或新建 GeoPackage 台账</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger_dock.py" line="94"/>
        <source>PostgreSQL connections saved in QGIS</source>
        <translation>QGIS 中保存的 PostgreSQL 连接</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger_dock.py" line="95"/>
        <source>PostgreSQL connection…</source>
        <translation>PostgreSQL 连接…</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/ledger_dock.py" line="99"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/run_panel.py" line="104"/>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/run_panel.py" line="107"/>
        <source>Canceled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/run_panel.py" line="110"/>
        <source>Failed: {reason}</source>
        <translation>失败：{reason}</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/run_panel.py" line="51"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/run_panel.py" line="79"/>
        <source>Algorithm {id} is not available</source>
        <translation>算法 {id} 不可用</translation>
    </message>
    <message>
        <location filename="../../land_supervision/ui/run_panel.py" line="91"/>
        <source>Running {name}…</source>
        <translation>正在运行 {name}…</translation>
    </message>
</context>
</TS>
