<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis simplifyMaxScale="1" maxScale="0" labelsEnabled="0" symbologyReferenceScale="-1" hasScaleBasedVisibilityFlag="0" readOnly="0" version="3.22.16-Białowieża" minScale="100000000" simplifyDrawingHints="1" simplifyDrawingTol="1" simplifyLocal="1" styleCategories="AllStyleCategories" simplifyAlgorithm="0">
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
  <renderer-v2 enableorderby="0" referencescale="-1" symbollevels="0" type="singleSymbol" forceraster="0">
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
            <Option name="color" value="0,0,0,0" type="QString"/>
            <Option name="joinstyle" value="bevel" type="QString"/>
            <Option name="offset" value="0,0" type="QString"/>
            <Option name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="offset_unit" value="MM" type="QString"/>
            <Option name="outline_color" value="123,44,191,255" type="QString"/>
            <Option name="outline_style" value="solid" type="QString"/>
            <Option name="outline_width" value="0.8" type="QString"/>
            <Option name="outline_width_unit" value="MM" type="QString"/>
            <Option name="style" value="solid" type="QString"/>
          </Option>
          <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="color" v="0,0,0,0"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="offset" v="0,0"/>
          <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="offset_unit" v="MM"/>
          <prop k="outline_color" v="123,44,191,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.8"/>
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
    <field name="CYXH" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="CYZS" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="CYS" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="CYZZ" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="CYFS" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="SCJL" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="HCR" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="HCRQ" configurationFlags="None">
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
    <alias name="" field="CYXH" index="36"/>
    <alias name="" field="CYZS" index="37"/>
    <alias name="" field="CYS" index="38"/>
    <alias name="" field="CYZZ" index="39"/>
    <alias name="" field="CYFS" index="40"/>
    <alias name="" field="SCJL" index="41"/>
    <alias name="" field="HCR" index="42"/>
    <alias name="" field="HCRQ" index="43"/>
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
    <default field="CYXH" expression="" applyOnUpdate="0"/>
    <default field="CYZS" expression="" applyOnUpdate="0"/>
    <default field="CYS" expression="" applyOnUpdate="0"/>
    <default field="CYZZ" expression="" applyOnUpdate="0"/>
    <default field="CYFS" expression="" applyOnUpdate="0"/>
    <default field="SCJL" expression="" applyOnUpdate="0"/>
    <default field="HCR" expression="" applyOnUpdate="0"/>
    <default field="HCRQ" expression="" applyOnUpdate="0"/>
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
    <constraint field="CYXH" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="CYZS" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="CYS" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="CYZZ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="CYFS" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="SCJL" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="HCR" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="HCRQ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
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
    <constraint field="CYXH" desc="" exp=""/>
    <constraint field="CYZS" desc="" exp=""/>
    <constraint field="CYS" desc="" exp=""/>
    <constraint field="CYZZ" desc="" exp=""/>
    <constraint field="CYFS" desc="" exp=""/>
    <constraint field="SCJL" desc="" exp=""/>
    <constraint field="HCR" desc="" exp=""/>
    <constraint field="HCRQ" desc="" exp=""/>
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
