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
    <field name="XZQDM" configurationFlags="None">
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
    <field name="XMJL" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="DKS" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="HGS" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="BHGS" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="DHSS" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="SBGDMJ" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="HGMJ" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="DHSMJ" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="BHGMJ" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="SDMJ" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="SJDMJ" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="HDMJ" configurationFlags="None">
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
    <field name="JL_GHXZMJ" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="JL_XJKJMJ" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="JL_SBYSMJ" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="JL_SJKJMJ" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="JL_STHJMJ" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="JL_QRXZMJ" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="JH_GHXZ" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="JH_XJKJ" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="JH_BL" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="JH_LY" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="BZ90" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="QRMJ" configurationFlags="None">
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
    <field name="JYZBMJ" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="LSCN_KG" configurationFlags="None">
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
  </fieldConfiguration>
  <aliases>
    <alias name="" field="fid" index="0"/>
    <alias name="" field="XMBH" index="1"/>
    <alias name="" field="XMMC" index="2"/>
    <alias name="" field="XZQMC" index="3"/>
    <alias name="" field="XZQDM" index="4"/>
    <alias name="" field="YSND" index="5"/>
    <alias name="" field="XMJL" index="6"/>
    <alias name="" field="DKS" index="7"/>
    <alias name="" field="HGS" index="8"/>
    <alias name="" field="BHGS" index="9"/>
    <alias name="" field="DHSS" index="10"/>
    <alias name="" field="SBGDMJ" index="11"/>
    <alias name="" field="HGMJ" index="12"/>
    <alias name="" field="DHSMJ" index="13"/>
    <alias name="" field="BHGMJ" index="14"/>
    <alias name="" field="SDMJ" index="15"/>
    <alias name="" field="SJDMJ" index="16"/>
    <alias name="" field="HDMJ" index="17"/>
    <alias name="" field="XZGDMJ" index="18"/>
    <alias name="" field="JL_GHXZMJ" index="19"/>
    <alias name="" field="JL_XJKJMJ" index="20"/>
    <alias name="" field="JL_SBYSMJ" index="21"/>
    <alias name="" field="JL_SJKJMJ" index="22"/>
    <alias name="" field="JL_STHJMJ" index="23"/>
    <alias name="" field="JL_QRXZMJ" index="24"/>
    <alias name="" field="JH_GHXZ" index="25"/>
    <alias name="" field="JH_XJKJ" index="26"/>
    <alias name="" field="JH_BL" index="27"/>
    <alias name="" field="JH_LY" index="28"/>
    <alias name="" field="BZ90" index="29"/>
    <alias name="" field="QRMJ" index="30"/>
    <alias name="" field="JXAZMJ" index="31"/>
    <alias name="" field="JYZBMJ" index="32"/>
    <alias name="" field="LSCN_KG" index="33"/>
    <alias name="" field="ZBLX" index="34"/>
  </aliases>
  <defaults>
    <default field="fid" expression="" applyOnUpdate="0"/>
    <default field="XMBH" expression="" applyOnUpdate="0"/>
    <default field="XMMC" expression="" applyOnUpdate="0"/>
    <default field="XZQMC" expression="" applyOnUpdate="0"/>
    <default field="XZQDM" expression="" applyOnUpdate="0"/>
    <default field="YSND" expression="" applyOnUpdate="0"/>
    <default field="XMJL" expression="" applyOnUpdate="0"/>
    <default field="DKS" expression="" applyOnUpdate="0"/>
    <default field="HGS" expression="" applyOnUpdate="0"/>
    <default field="BHGS" expression="" applyOnUpdate="0"/>
    <default field="DHSS" expression="" applyOnUpdate="0"/>
    <default field="SBGDMJ" expression="" applyOnUpdate="0"/>
    <default field="HGMJ" expression="" applyOnUpdate="0"/>
    <default field="DHSMJ" expression="" applyOnUpdate="0"/>
    <default field="BHGMJ" expression="" applyOnUpdate="0"/>
    <default field="SDMJ" expression="" applyOnUpdate="0"/>
    <default field="SJDMJ" expression="" applyOnUpdate="0"/>
    <default field="HDMJ" expression="" applyOnUpdate="0"/>
    <default field="XZGDMJ" expression="" applyOnUpdate="0"/>
    <default field="JL_GHXZMJ" expression="" applyOnUpdate="0"/>
    <default field="JL_XJKJMJ" expression="" applyOnUpdate="0"/>
    <default field="JL_SBYSMJ" expression="" applyOnUpdate="0"/>
    <default field="JL_SJKJMJ" expression="" applyOnUpdate="0"/>
    <default field="JL_STHJMJ" expression="" applyOnUpdate="0"/>
    <default field="JL_QRXZMJ" expression="" applyOnUpdate="0"/>
    <default field="JH_GHXZ" expression="" applyOnUpdate="0"/>
    <default field="JH_XJKJ" expression="" applyOnUpdate="0"/>
    <default field="JH_BL" expression="" applyOnUpdate="0"/>
    <default field="JH_LY" expression="" applyOnUpdate="0"/>
    <default field="BZ90" expression="" applyOnUpdate="0"/>
    <default field="QRMJ" expression="" applyOnUpdate="0"/>
    <default field="JXAZMJ" expression="" applyOnUpdate="0"/>
    <default field="JYZBMJ" expression="" applyOnUpdate="0"/>
    <default field="LSCN_KG" expression="" applyOnUpdate="0"/>
    <default field="ZBLX" expression="" applyOnUpdate="0"/>
  </defaults>
  <constraints>
    <constraint field="fid" notnull_strength="1" exp_strength="0" constraints="3" unique_strength="1"/>
    <constraint field="XMBH" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="XMMC" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="XZQMC" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="XZQDM" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="YSND" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="XMJL" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="DKS" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="HGS" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="BHGS" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="DHSS" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="SBGDMJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="HGMJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="DHSMJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="BHGMJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="SDMJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="SJDMJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="HDMJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="XZGDMJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="JL_GHXZMJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="JL_XJKJMJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="JL_SBYSMJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="JL_SJKJMJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="JL_STHJMJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="JL_QRXZMJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="JH_GHXZ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="JH_XJKJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="JH_BL" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="JH_LY" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="BZ90" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="QRMJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="JXAZMJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="JYZBMJ" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="LSCN_KG" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
    <constraint field="ZBLX" notnull_strength="0" exp_strength="0" constraints="0" unique_strength="0"/>
  </constraints>
  <constraintExpressions>
    <constraint field="fid" desc="" exp=""/>
    <constraint field="XMBH" desc="" exp=""/>
    <constraint field="XMMC" desc="" exp=""/>
    <constraint field="XZQMC" desc="" exp=""/>
    <constraint field="XZQDM" desc="" exp=""/>
    <constraint field="YSND" desc="" exp=""/>
    <constraint field="XMJL" desc="" exp=""/>
    <constraint field="DKS" desc="" exp=""/>
    <constraint field="HGS" desc="" exp=""/>
    <constraint field="BHGS" desc="" exp=""/>
    <constraint field="DHSS" desc="" exp=""/>
    <constraint field="SBGDMJ" desc="" exp=""/>
    <constraint field="HGMJ" desc="" exp=""/>
    <constraint field="DHSMJ" desc="" exp=""/>
    <constraint field="BHGMJ" desc="" exp=""/>
    <constraint field="SDMJ" desc="" exp=""/>
    <constraint field="SJDMJ" desc="" exp=""/>
    <constraint field="HDMJ" desc="" exp=""/>
    <constraint field="XZGDMJ" desc="" exp=""/>
    <constraint field="JL_GHXZMJ" desc="" exp=""/>
    <constraint field="JL_XJKJMJ" desc="" exp=""/>
    <constraint field="JL_SBYSMJ" desc="" exp=""/>
    <constraint field="JL_SJKJMJ" desc="" exp=""/>
    <constraint field="JL_STHJMJ" desc="" exp=""/>
    <constraint field="JL_QRXZMJ" desc="" exp=""/>
    <constraint field="JH_GHXZ" desc="" exp=""/>
    <constraint field="JH_XJKJ" desc="" exp=""/>
    <constraint field="JH_BL" desc="" exp=""/>
    <constraint field="JH_LY" desc="" exp=""/>
    <constraint field="BZ90" desc="" exp=""/>
    <constraint field="QRMJ" desc="" exp=""/>
    <constraint field="JXAZMJ" desc="" exp=""/>
    <constraint field="JYZBMJ" desc="" exp=""/>
    <constraint field="LSCN_KG" desc="" exp=""/>
    <constraint field="ZBLX" desc="" exp=""/>
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
