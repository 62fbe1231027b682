<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis simplifyMaxScale="1" maxScale="0" labelsEnabled="1" symbologyReferenceScale="-1" hasScaleBasedVisibilityFlag="0" readOnly="0" version="3.22.16-Białowieża" minScale="100000000" simplifyDrawingHints="1" simplifyDrawingTol="1" simplifyLocal="1" styleCategories="AllStyleCategories" simplifyAlgorithm="0">
  <flags>
    <Identifiable>1</Identifiable>
    <Removable>1</Removable>
    <Searchable>1</Searchable>
    <Private>0</Private>
  </flags>
  <temporal startExpression="" fixedDuration="0" endField="" accumulate="0" enabled="0" limitMode="0" durationField="" mode="0" endExpression="" startField="" durationUnit="min">
    <fixedRange>
      <start></start>
      <end></end>
    </fixedRange>
  </temporal>
  <renderer-v2 enableorderby="0" referencescale="-1" symbollevels="0" attr="YSJL" type="categorizedSymbol" forceraster="0">
    <categories>
      <category symbol="0" render="true" value="合格" label="合格"/>
      <category symbol="1" render="true" value="不合格" label="不合格"/>
      <category symbol="2" render="true" value="待核实" label="待核实"/>
    </categories>
    <symbols>
      <symbol force_rhr="0" name="0" alpha="1" clip_to_extent="1" type="fill">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" value="" type="QString"/>
            <Option name="properties"/>
            <Option name="type" value="collection" type="QString"/>
          </Option>
        </data_defined_properties>
        <layer class="SimpleFill" locked="0" pass="0" enabled="1">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="color" value="46,158,68,150" type="QString"/>
            <Option name="joinstyle" value="bevel" type="QString"/>
            <Option name="offset" value="0,0" type="QString"/>
            <Option name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="offset_unit" value="MM" type="QString"/>
            <Option name="outline_color" value="46,158,68,255" type="QString"/>
            <Option name="outline_style" value="solid" type="QString"/>
            <Option name="outline_width" value="0.3" type="QString"/>
            <Option name="outline_width_unit" value="MM" type="QString"/>
            <Option name="style" value="solid" type="QString"/>
          </Option>
          <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="color" v="46,158,68,150"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="offset" v="0,0"/>
          <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="offset_unit" v="MM"/>
          <prop k="outline_color" v="46,158,68,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.3"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="style" v="solid"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" value="" type="QString"/>
              <Option name="properties"/>
              <Option name="type" value="collection" type="QString"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol force_rhr="0" name="1" alpha="1" clip_to_extent="1" type="fill">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" value="" type="QString"/>
            <Option name="properties"/>
            <Option name="type" value="collection" type="QString"/>
          </Option>
        </data_defined_properties>
        <layer class="SimpleFill" locked="0" pass="0" enabled="1">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="color" value="215,48,31,150" type="QString"/>
            <Option name="joinstyle" value="bevel" type="QString"/>
            <Option name="offset" value="0,0" type="QString"/>
            <Option name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="offset_unit" value="MM" type="QString"/>
            <Option name="outline_color" value="215,48,31,255" type="QString"/>
            <Option name="outline_style" value="solid" type="QString"/>
            <Option name="outline_width" value="0.3" type="QString"/>
            <Option name="outline_width_unit" value="MM" type="QString"/>
            <Option name="style" value="solid" type="QString"/>
          </Option>
          <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="color" v="215,48,31,150"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="offset" v="0,0"/>
          <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="offset_unit" v="MM"/>
          <prop k="outline_color" v="215,48,31,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.3"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="style" v="solid"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" value="" type="QString"/>
              <Option name="properties"/>
              <Option name="type" value="collection" type="QString"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol force_rhr="0" name="2" alpha="1" clip_to_extent="1" type="fill">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" value="" type="QString"/>
            <Option name="properties"/>
            <Option name="type" value="collection" type="QString"/>
          </Option>
        </data_defined_properties>
        <layer class="SimpleFill" locked="0" pass="0" enabled="1">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="color" value="240,160,0,150" type="QString"/>
            <Option name="joinstyle" value="bevel" type="QString"/>
            <Option name="offset" value="0,0" type="QString"/>
            <Option name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="offset_unit" value="MM" type="QString"/>
            <Option name="outline_color" value="240,160,0,255" type="QString"/>
            <Option name="outline_style" value="solid" type="QString"/>
            <Option name="outline_width" value="0.3" type="QString"/>
            <Option name="outline_width_unit" value="MM" type="QString"/>
            <Option name="style" value="solid" type="QString"/>
          </Option>
          <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="color" v="240,160,0,150"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="offset" v="0,0"/>
          <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="offset_unit" v="MM"/>
          <prop k="outline_color" v="240,160,0,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.3"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="style" v="solid"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" value="" type="QString"/>
              <Option name="properties"/>
              <Option name="type" value="collection" type="QString"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
    </symbols>
    <rotation/>
    <sizescale/>
  </renderer-v2>
  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fontWeight="50" previewBkgrdColor="255,255,255,255" fontSizeUnit="Point" namedStyle="" fontItalic="0" textOpacity="1" capitalization="0" fontLetterSpacing="0" fontKerning="1" multilineHeight="1" fontStrikeout="0" fontFamily="Noto Sans CJK SC" isExpression="0" fontSizeMapUnitScale="3x:0,0,0,0,0,0" fieldName="DKBH" legendString="Aa" fontUnderline="0" blendMode="0" fontSize="7" fontWordSpacing="0" useSubstitutions="0" textOrientation="horizontal" textColor="0,0,0,255" allowHtml="0">
        <families/>
        <text-buffer bufferSizeMapUnitScale="3x:0,0,0,0,0,0" bufferJoinStyle="128" bufferDraw="0" bufferSizeUnits="MM" bufferBlendMode="0" bufferColor="255,255,255,255" bufferNoFill="1" bufferSize="1" bufferOpacity="1"/>
        <text-mask maskSizeMapUnitScale="3x:0,0,0,0,0,0" maskSizeUnits="MM" maskedSymbolLayers="" maskEnabled="0" maskOpacity="1" maskType="0" maskJoinStyle="128" maskSize="1.5"/>
        <background shapeOffsetMapUnitScale="3x:0,0,0,0,0,0" shapeBlendMode="0" shapeBorderWidthUnit="MM" shapeRadiiY="0" shapeSizeType="0" shapeRotationType="0" shapeJoinStyle="64" shapeOffsetX="0" shapeDraw="0" shapeRadiiX="0" shapeSizeX="0" shapeBorderWidth="0" shapeRadiiUnit="MM" shapeOffsetY="0" shapeOpacity="1" shapeOffsetUnit="MM" shapeSizeY="0" shapeSizeUnit="MM" shapeType="0" shapeBorderWidthMapUnitScale="3x:0,0,0,0,0,0" shapeSizeMapUnitScale="3x:0,0,0,0,0,0" shapeFillColor="255,255,255,255" shapeRotation="0" shapeSVGFile="" shapeRadiiMapUnitScale="3x:0,0,0,0,0,0" shapeBorderColor="128,128,128,255">
          <symbol force_rhr="0" name="fillSymbol" alpha="1" clip_to_extent="1" type="fill">
            <data_defined_properties>
              <Option type="Map">
                <Option name="name" value="" type="QString"/>
                <Option name="properties"/>
                <Option name="type" value="collection" type="QString"/>
              </Option>
            </data_defined_properties>
            <layer class="SimpleFill" locked="0" pass="0" enabled="1">
              <Option type="Map">
                <Option name="border_width_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
                <Option name="color" value="255,255,255,255" type="QString"/>
                <Option name="joinstyle" value="bevel" type="QString"/>
                <Option name="offset" value="0,0" type="QString"/>
                <Option name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
                <Option name="offset_unit" value="MM" type="QString"/>
                <Option name="outline_color" value="128,128,128,255" type="QString"/>
                <Option name="outline_style" value="no" type="QString"/>
                <Option name="outline_width" value="0" type="QString"/>
                <Option name="outline_width_unit" value="MM" type="QString"/>
                <Option name="style" value="solid" type="QString"/>
              </Option>
              <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
              <prop k="color" v="255,255,255,255"/>
              <prop k="joinstyle" v="bevel"/>
              <prop k="offset" v="0,0"/>
              <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
              <prop k="offset_unit" v="MM"/>
              <prop k="outline_color" v="128,128,128,255"/>
              <prop k="outline_style" v="no"/>
              <prop k="outline_width" v="0"/>
              <prop k="outline_width_unit" v="MM"/>
              <prop k="style" v="solid"/>
              <data_defined_properties>
                <Option type="Map">
                  <Option name="name" value="" type="QString"/>
                  <Option name="properties"/>
                  <Option name="type" value="collection" type="QString"/>
                </Option>
              </data_defined_properties>
            </layer>
          </symbol>
        </background>
        <shadow shadowRadius="1.5" shadowOffsetMapUnitScale="3x:0,0,0,0,0,0" shadowOffsetUnit="MM" shadowOffsetGlobal="1" shadowScale="100" shadowOffsetAngle="135" shadowColor="0,0,0,255" shadowUnder="0" shadowRadiusUnit="MM" shadowOpacity="0.69999999999999996" shadowOffsetDist="1" shadowBlendMode="6" shadowDraw="0" shadowRadiusMapUnitScale="3x:0,0,0,0,0,0" shadowRadiusAlphaOnly="0"/>
        <dd_properties>
          <Option type="Map">
            <Option name="name" value="" type="QString"/>
            <Option name="properties"/>
            <Option name="type" value="collection" type="QString"/>
          </Option>
        </dd_properties>
        <substitutions/>
      </text-style>
      <text-format autoWrapLength="0" placeDirectionSymbol="0" formatNumbers="0" plussign="0" reverseDirectionSymbol="0" decimals="3" wrapChar="" addDirectionSymbol="0" rightDirectionSymbol=">" useMaxLineLengthForAutoWrap="1" leftDirectionSymbol="&lt;" multilineAlign="3"/>
      <placement repeatDistance="0" placementFlags="10" lineAnchorType="0" geometryGeneratorType="PointGeometry" overrunDistanceUnit="MM" labelOffsetMapUnitScale="3x:0,0,0,0,0,0" centroidInside="0" xOffset="0" geometryGenerator="" geometryGeneratorEnabled="0" layerType="UnknownGeometry" predefinedPositionOrder="TR,TL,BR,BL,R,L,TSR,BSR" lineAnchorPercent="0.5" maxCurvedCharAngleOut="-25" offsetUnits="MM" dist="0" yOffset="0" repeatDistanceMapUnitScale="3x:0,0,0,0,0,0" rotationAngle="0" priority="5" fitInPolygonOnly="0" centroidWhole="0" preserveRotation="1" distMapUnitScale="3x:0,0,0,0,0,0" distUnits="MM" maxCurvedCharAngleIn="25" overrunDistance="0" repeatDistanceUnits="MM" quadOffset="4" polygonPlacementFlags="2" overrunDistanceMapUnitScale="3x:0,0,0,0,0,0" placement="0" rotationUnit="AngleDegrees" offsetType="0" lineAnchorClipping="0"/>
      <rendering scaleVisibility="1" maxNumLabels="2000" fontMinPixelSize="0" displayAll="0" zIndex="0" upsidedownLabels="0" minFeatureSize="0" obstacle="1" unplacedVisibility="0" fontLimitPixelSize="0" fontMaxPixelSize="10000" obstacleFactor="1" labelPerPart="0" limitNumLabels="0" scaleMin="1" obstacleType="1" drawLabels="1" scaleMax="20000" mergeLines="0"/>
      <dd_properties>
        <Option type="Map">
          <Option name="name" value="" type="QString"/>
          <Option name="properties"/>
          <Option name="type" value="collection" type="QString"/>
        </Option>
      </dd_properties>
      <callout type="simple">
        <Option type="Map">
          <Option name="anchorPoint" value="pole_of_inaccessibility" type="QString"/>
          <Option name="blendMode" value="0" type="int"/>
          <Option name="ddProperties" type="Map">
            <Option name="name" value="" type="QString"/>
            <Option name="properties"/>
            <Option name="type" value="collection" type="QString"/>
          </Option>
          <Option name="drawToAllParts" value="false" type="bool"/>
          <Option name="enabled" value="0" type="QString"/>
          <Option name="labelAnchorPoint" value="point_on_exterior" type="QString"/>
          <Option name="lineSymbol" value="&lt;symbol force_rhr=&quot;0&quot; name=&quot;symbol&quot; alpha=&quot;1&quot; clip_to_extent=&quot;1&quot; type=&quot;line&quot;>&lt;data_defined_properties>&lt;Option type=&quot;Map&quot;>&lt;Option name=&quot;name&quot; value=&quot;&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;properties&quot;/>&lt;Option name=&quot;type&quot; value=&quot;collection&quot; type=&quot;QString&quot;/>&lt;/Option>&lt;/data_defined_properties>&lt;layer class=&quot;SimpleLine&quot; locked=&quot;0&quot; pass=&quot;0&quot; enabled=&quot;1&quot;>&lt;Option type=&quot;Map&quot;>&lt;Option name=&quot;align_dash_pattern&quot; value=&quot;0&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;capstyle&quot; value=&quot;square&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;customdash&quot; value=&quot;5;2&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;customdash_map_unit_scale&quot; value=&quot;3x:0,0,0,0,0,0&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;customdash_unit&quot; value=&quot;MM&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;dash_pattern_offset&quot; value=&quot;0&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;dash_pattern_offset_map_unit_scale&quot; value=&quot;3x:0,0,0,0,0,0&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;dash_pattern_offset_unit&quot; value=&quot;MM&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;draw_inside_polygon&quot; value=&quot;0&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;joinstyle&quot; value=&quot;bevel&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;line_color&quot; value=&quot;60,60,60,255&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;line_style&quot; value=&quot;solid&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;line_width&quot; value=&quot;0.3&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;line_width_unit&quot; value=&quot;MM&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;offset&quot; value=&quot;0&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;offset_map_unit_scale&quot; value=&quot;3x:0,0,0,0,0,0&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;offset_unit&quot; value=&quot;MM&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;ring_filter&quot; value=&quot;0&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;trim_distance_end&quot; value=&quot;0&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;trim_distance_end_map_unit_scale&quot; value=&quot;3x:0,0,0,0,0,0&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;trim_distance_end_unit&quot; value=&quot;MM&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;trim_distance_start&quot; value=&quot;0&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;trim_distance_start_map_unit_scale&quot; value=&quot;3x:0,0,0,0,0,0&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;trim_distance_start_unit&quot; value=&quot;MM&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;tweak_dash_pattern_on_corners&quot; value=&quot;0&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;use_custom_dash&quot; value=&quot;0&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;width_map_unit_scale&quot; value=&quot;3x:0,0,0,0,0,0&quot; type=&quot;QString&quot;/>&lt;/Option>&lt;prop k=&quot;align_dash_pattern&quot; v=&quot;0&quot;/>&lt;prop k=&quot;capstyle&quot; v=&quot;square&quot;/>&lt;prop k=&quot;customdash&quot; v=&quot;5;2&quot;/>&lt;prop k=&quot;customdash_map_unit_scale&quot; v=&quot;3x:0,0,0,0,0,0&quot;/>&lt;prop k=&quot;customdash_unit&quot; v=&quot;MM&quot;/>&lt;prop k=&quot;dash_pattern_offset&quot; v=&quot;0&quot;/>&lt;prop k=&quot;dash_pattern_offset_map_unit_scale&quot; v=&quot;3x:0,0,0,0,0,0&quot;/>&lt;prop k=&quot;dash_pattern_offset_unit&quot; v=&quot;MM&quot;/>&lt;prop k=&quot;draw_inside_polygon&quot; v=&quot;0&quot;/>&lt;prop k=&quot;joinstyle&quot; v=&quot;bevel&quot;/>&lt;prop k=&quot;line_color&quot; v=&quot;60,60,60,255&quot;/>&lt;prop k=&quot;line_style&quot; v=&quot;solid&quot;/>&lt;prop k=&quot;line_width&quot; v=&quot;0.3&quot;/>&lt;prop k=&quot;line_width_unit&quot; v=&quot;MM&quot;/>&lt;prop k=&quot;offset&quot; v=&quot;0&quot;/>&lt;prop k=&quot;offset_map_unit_scale&quot; v=&quot;3x:0,0,0,0,0,0&quot;/>&lt;prop k=&quot;offset_unit&quot; v=&quot;MM&quot;/>&lt;prop k=&quot;ring_filter&quot; v=&quot;0&quot;/>&lt;prop k=&quot;trim_distance_end&quot; v=&quot;0&quot;/>&lt;prop k=&quot;trim_distance_end_map_unit_scale&quot; v=&quot;3x:0,0,0,0,0,0&quot;/>&lt;prop k=&quot;trim_distance_end_unit&quot; v=&quot;MM&quot;/>&lt;prop k=&quot;trim_distance_start&quot; v=&quot;0&quot;/>&lt;prop k=&quot;trim_distance_start_map_unit_scale&quot; v=&quot;3x:0,0,0,0,0,0&quot;/>&lt;prop k=&quot;trim_distance_start_unit&quot; v=&quot;MM&quot;/>&lt;prop k=&quot;tweak_dash_pattern_on_corners&quot; v=&quot;0&quot;/>&lt;prop k=&quot;use_custom_dash&quot; v=&quot;0&quot;/>&lt;prop k=&quot;width_map_unit_scale&quot; v=&quot;3x:0,0,0,0,0,0&quot;/>&lt;data_defined_properties>&lt;Option type=&quot;Map&quot;>&lt;Option name=&quot;name&quot; value=&quot;&quot; type=&quot;QString&quot;/>&lt;Option name=&quot;properties&quot;/>&lt;Option name=&quot;type&quot; value=&quot;collection&quot; type=&quot;QString&quot;/>&lt;/Option>&lt;/data_defined_properties>&lt;/layer>&lt;/symbol>" type="QString"/>
          <Option name="minLength" value="0" type="double"/>
          <Option name="minLengthMapUnitScale" value="3x:0,0,0,0,0,0" type="QString"/>
          <Option name="minLengthUnit" value="MM" type="QString"/>
          <Option name="offsetFromAnchor" value="0" type="double"/>
          <Option name="offsetFromAnchorMapUnitScale" value="3x:0,0,0,0,0,0" type="QString"/>
          <Option name="offsetFromAnchorUnit" value="MM" type="QString"/>
          <Option name="offsetFromLabel" value="0" type="double"/>
          <Option name="offsetFromLabelMapUnitScale" value="3x:0,0,0,0,0,0" type="QString"/>
          <Option name="offsetFromLabelUnit" value="MM" type="QString"/>
        </Option>
      </callout>
    </settings>
  </labeling>
  <customproperties>
    <Option/>
  </customproperties>
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerOpacity>1</layerOpacity>
  <geometryOptions removeDuplicateNodes="0" geometryPrecision="0">
    <activeChecks type="StringList">
      <Option value="" type="QString"/>
    </activeChecks>
    <checkConfiguration/>
  </geometryOptions>
  <legend showLabelLegend="0" type="default-vector"/>
  <referencedLayers/>
  <fieldConfiguration>
    <field name="fid" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="DKBH" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="XMBH" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="XZQMC" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="XZQDM" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="MBDL" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="GDLB" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="SBMJ" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="CLMJ_M2" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="CLMJ_MU" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="JSYDBL" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="JQFGL" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="YSJL" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="YYDM" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="YYSM" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="YYSM_EN" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="WHCX" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="C01" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="C02" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="C03" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="C04" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="C05" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="C06" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="C07" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="C08" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="C09" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="C10" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="C11" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="C12" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="C13" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="C14" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="C15" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="C16" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="C17" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="C18" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="C19" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
  </fieldConfiguration>
  <aliases>
    <alias name="" field="fid" index="0"/>
    <alias name="" field="DKBH" index="1"/>
    <alias name="" field="XMBH" index="2"/>
    <alias name="" field="XZQMC" index="3"/>
    <alias name="" field="XZQDM" index="4"/>
    <alias name="" field="MBDL" index="5"/>
    <alias name="" field="GDLB" index="6"/>
    <alias name="" field="SBMJ" index="7"/>
    <alias name="" field="CLMJ_M2" index="8"/>
    <alias name="" field="CLMJ_MU" index="9"/>
    <alias name="" field="JSYDBL" index="10"/>
    <alias name="" field="JQFGL" index="11"/>
    <alias name="" field="YSJL" index="12"/>
    <alias name="" field="YYDM" index="13"/>
    <alias name="" field="YYSM" index="14"/>
    <alias name="" field="YYSM_EN" index="15"/>
    <alias name="" field="WHCX" index="16"/>
    <alias name="" field="C01" index="17"/>
    <alias name="" field="C02" index="18"/>
    <alias name="" field="C03" index="19"/>
    <alias name="" field="C04" index="20"/>
    <alias name="" field="C05" index="21"/>
    <alias name="" field="C06" index="22"/>
    <alias name="" field="C07" index="23"/>
    <alias name="" field="C08" index="24"/>
    <alias name="" field="C09" index="25"/>
    <alias name="" field="C10" index="26"/>
    <alias name="" field="C11" index="27"/>
    <alias name="" field="C12" index="28"/>
    <alias name="" field="C13" index="29"/>
    <alias name="" field="C14" index="30"/>
    <alias name="" field="C15" index="31"/>
    <alias name="" field="C16" index="32"/>
    <alias name="" field="C17" index="33"/>
    <alias name="" field="C18" index="34"/>
    <alias name="" field="C19" index="35"/>
  </aliases>
  <defaults>
    <default field="fid" expression="" applyOnUpdate="0"/>
    <default field="DKBH" expression="" applyOnUpdate="0"/>
    <default field="XMBH" expression="" applyOnUpdate="0"/>
    <default field="XZQMC" expression="" applyOnUpdate="0"/>
    <default field="XZQDM" expression="" applyOnUpdate="0"/>
    <default field="MBDL" expression="" applyOnUpdate="0"/>
    <default field="GDLB" expression="" applyOnUpdate="0"/>
    <default field="SBMJ" expression="" applyOnUpdate="0"/>
    <default field="CLMJ_M2" expression="" applyOnUpdate="0"/>
    <default field="CLMJ_MU" expression="" applyOnUpdate="0"/>
    <default field="JSYDBL" expression="" applyOnUpdate="0"/>
    <default field="JQFGL" expression="" applyOnUpdate="0"/>
    <default field="YSJL" expression="" applyOnUpdate="0"/>
    <default field="YYDM" expression="" applyOnUpdate="0"/>
    <default field="YYSM" expression="" applyOnUpdate="0"/>
    <default field="YYSM_EN" expression="" applyOnUpdate="0"/>
    <default field="WHCX" expression="" applyOnUpdate="0"/>
    <default field="C01" expression="" applyOnUpdate="0"/>
    <default field="C02" expression="" applyOnUpdate="0"/>
    <default field="C03" expression="" applyOnUpdate="0"/>
    <default field="C04" expression="" applyOnUpdate="0"/>
    <default field="C05" expression="" applyOnUpdate="0"/>
    <default field="C06" expression="" applyOnUpdate="0"/>
    <default field="C07" expression="" applyOnUpdate="0"/>
    <default field="C08" expression="" applyOnUpdate="0"/>
    <default field="C09" expression="" applyOnUpdate="0"/>
    <default field="C10" expression="" applyOnUpdate="0"/>
    <default field="C11" expression="" applyOnUpdate="0"/>
    <default field="C12" expression="" applyOnUpdate="0"/>
    <default field="C13" expression="" applyOnUpdate="0"/>
    <default field="C14" expression="" applyOnUpdate="0"/>
    <default field="C15" expression="" applyOnUpdate="0"/>
    <default field="C16" expression="" applyOnUpdate="0"/>
    <default field="C17" expression="" applyOnUpdate="0"/>
    <default field="C18" expression="" applyOnUpdate="0"/>
    <default field="C19" expression="" applyOnUpdate="0"/>
  </defaults>
  <constraints>
    <constraint field="fid" notnull_strength="1" exp_strength="0" constraints="3" unique_strength="1"/>
    <constraint field="DKBH" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="XMBH" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="XZQMC" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="XZQDM" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="MBDL" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="GDLB" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="SBMJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="CLMJ_M2" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="CLMJ_MU" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="JSYDBL" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="JQFGL" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="YSJL" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="YYDM" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="YYSM" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="YYSM_EN" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="WHCX" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="C01" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="C02" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="C03" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="C04" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="C05" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="C06" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="C07" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="C08" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="C09" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="C10" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="C11" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="C12" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="C13" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="C14" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="C15" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="C16" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="C17" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="C18" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="C19" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
  </constraints>
  <constraintExpressions>
    <constraint field="fid" desc="" exp=""/>
    <constraint field="DKBH" desc="" exp=""/>
    <constraint field="XMBH" desc="" exp=""/>
    <constraint field="XZQMC" desc="" exp=""/>
    <constraint field="XZQDM" desc="" exp=""/>
    <constraint field="MBDL" desc="" exp=""/>
    <constraint field="GDLB" desc="" exp=""/>
    <constraint field="SBMJ" desc="" exp=""/>
    <constraint field="CLMJ_M2" desc="" exp=""/>
    <constraint field="CLMJ_MU" desc="" exp=""/>
    <constraint field="JSYDBL" desc="" exp=""/>
    <constraint field="JQFGL" desc="" exp=""/>
    <constraint field="YSJL" desc="" exp=""/>
    <constraint field="YYDM" desc="" exp=""/>
    <constraint field="YYSM" desc="" exp=""/>
    <constraint field="YYSM_EN" desc="" exp=""/>
    <constraint field="WHCX" desc="" exp=""/>
    <constraint field="C01" desc="" exp=""/>
    <constraint field="C02" desc="" exp=""/>
    <constraint field="C03" desc="" exp=""/>
    <constraint field="C04" desc="" exp=""/>
    <constraint field="C05" desc="" exp=""/>
    <constraint field="C06" desc="" exp=""/>
    <constraint field="C07" desc="" exp=""/>
    <constraint field="C08" desc="" exp=""/>
    <constraint field="C09" desc="" exp=""/>
    <constraint field="C10" desc="" exp=""/>
    <constraint field="C11" desc="" exp=""/>
    <constraint field="C12" desc="" exp=""/>
    <constraint field="C13" desc="" exp=""/>
    <constraint field="C14" desc="" exp=""/>
    <constraint field="C15" desc="" exp=""/>
    <constraint field="C16" desc="" exp=""/>
    <constraint field="C17" desc="" exp=""/>
    <constraint field="C18" desc="" exp=""/>
    <constraint field="C19" desc="" exp=""/>
  </constraintExpressions>
  <expressionfields/>
  <attributeactions/>
  <attributetableconfig actionWidgetStyle="dropDown" sortOrder="0" sortExpression="">
    <columns/>
  </attributetableconfig>
  <conditionalstyles>
    <rowstyles/>
    <fieldstyles/>
  </conditionalstyles>
  <storedexpressions/>
  <editform tolerant="1"></editform>
  <editforminit/>
  <editforminitcodesource>0</editforminitcodesource>
  <editforminitfilepath></editforminitfilepath>
  <editforminitcode><![CDATA[]]></editforminitcode>
  <featformsuppress>0</featformsuppress>
  <editorlayout>generatedlayout</editorlayout>
  <editable/>
  <labelOnTop/>
  <reuseLastValue/>
  <dataDefinedFieldProperties/>
  <widgets/>
  <previewExpression></previewExpression>
  <mapTip></mapTip>
  <layerGeometryType>2</layerGeometryType>
</qgis>
