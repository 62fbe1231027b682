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
