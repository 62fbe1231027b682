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
            <Option name="outline_color" value="48,80,160,255" type="QString"/>
            <Option name="outline_style" value="dash" type="QString"/>
            <Option name="outline_width" value="0.6" type="QString"/>
            <Option name="outline_width_unit" value="MM" type="QString"/>
            <Option name="style" value="solid" type="QString"/>
          </Option>
          <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="color" v="0,0,0,0"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="offset" v="0,0"/>
          <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="offset_unit" v="MM"/>
          <prop k="outline_color" v="48,80,160,255"/>
          <prop k="outline_style" v="dash"/>
          <prop k="outline_width" v="0.6"/>
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
    <field name="XMBH" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="XMMC" configurationFlags="None">
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
    <field name="XZGDMJ" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="YSND" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="ZBLX" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="YXDL" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="JXAZMJ" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="GHXZMJ" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="XJKJMJ" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="SBYSMJ" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="SJKJMJ" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="STHJMJ" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="QRXZMJ" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
  </fieldConfiguration>
  <aliases>
    <alias name="" field="fid" index="0"/>
    <alias name="" field="XMBH" index="1"/>
    <alias name="" field="XMMC" index="2"/>
    <alias name="" field="XZQMC" index="3"/>
    <alias name="" field="XZGDMJ" index="4"/>
    <alias name="" field="YSND" index="5"/>
    <alias name="" field="ZBLX" index="6"/>
    <alias name="" field="YXDL" index="7"/>
    <alias name="" field="JXAZMJ" index="8"/>
    <alias name="" field="GHXZMJ" index="9"/>
    <alias name="" field="XJKJMJ" index="10"/>
    <alias name="" field="SBYSMJ" index="11"/>
    <alias name="" field="SJKJMJ" index="12"/>
    <alias name="" field="STHJMJ" index="13"/>
    <alias name="" field="QRXZMJ" index="14"/>
  </aliases>
  <defaults>
    <default field="fid" expression="" applyOnUpdate="0"/>
    <default field="XMBH" expression="" applyOnUpdate="0"/>
    <default field="XMMC" expression="" applyOnUpdate="0"/>
    <default field="XZQMC" expression="" applyOnUpdate="0"/>
    <default field="XZGDMJ" expression="" applyOnUpdate="0"/>
    <default field="YSND" expression="" applyOnUpdate="0"/>
    <default field="ZBLX" expression="" applyOnUpdate="0"/>
    <default field="YXDL" expression="" applyOnUpdate="0"/>
    <default field="JXAZMJ" expression="" applyOnUpdate="0"/>
    <default field="GHXZMJ" expression="" applyOnUpdate="0"/>
    <default field="XJKJMJ" expression="" applyOnUpdate="0"/>
    <default field="SBYSMJ" expression="" applyOnUpdate="0"/>
    <default field="SJKJMJ" expression="" applyOnUpdate="0"/>
    <default field="STHJMJ" expression="" applyOnUpdate="0"/>
    <default field="QRXZMJ" expression="" applyOnUpdate="0"/>
  </defaults>
  <constraints>
    <constraint field="fid" notnull_strength="1" exp_strength="0" constraints="3" unique_strength="1"/>
    <constraint field="XMBH" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="XMMC" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="XZQMC" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="XZGDMJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="YSND" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="ZBLX" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="YXDL" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="JXAZMJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="GHXZMJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="XJKJMJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="SBYSMJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="SJKJMJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="STHJMJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="QRXZMJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
  </constraints>
  <constraintExpressions>
    <constraint field="fid" desc="" exp=""/>
    <constraint field="XMBH" desc="" exp=""/>
    <constraint field="XMMC" desc="" exp=""/>
    <constraint field="XZQMC" desc="" exp=""/>
    <constraint field="XZGDMJ" desc="" exp=""/>
    <constraint field="YSND" desc="" exp=""/>
    <constraint field="ZBLX" desc="" exp=""/>
    <constraint field="YXDL" desc="" exp=""/>
    <constraint field="JXAZMJ" desc="" exp=""/>
    <constraint field="GHXZMJ" desc="" exp=""/>
    <constraint field="XJKJMJ" desc="" exp=""/>
    <constraint field="SBYSMJ" desc="" exp=""/>
    <constraint field="SJKJMJ" desc="" exp=""/>
    <constraint field="STHJMJ" desc="" exp=""/>
    <constraint field="QRXZMJ" desc="" exp=""/>
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
