<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_TW">
<context>
    <name>AlertQueueModel</name>
    <message>
        <location filename="../../ui/alerts/model.py" line="161" />
        <source>Severity</source>
        <translation>嚴重度</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/model.py" line="161" />
        <source>Time left</source>
        <translation>剩餘時間</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/model.py" line="162" />
        <source>Rule</source>
        <translation>規則</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/model.py" line="162" />
        <source>Subject</source>
        <translation>對象</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/model.py" line="163" />
        <source>State</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/model.py" line="163" />
        <source>Feed</source>
        <translation>資料源</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/model.py" line="211" />
        <source>OVERDUE %1</source>
        <translation>逾時 %1</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/model.py" line="219" />
        <source>cleared</source>
        <translation>已解除</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/model.py" line="223" />
        <source>%1 on %2, raised %3</source>
        <translation>%1：%2，發出於 %3</translation>
    </message>
</context>
<context>
    <name>AlertQueuePanel</name>
    <message>
        <location filename="../../ui/alerts/queue_panel.py" line="96" />
        <source>Critical only</source>
        <translation>僅緊急</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/queue_panel.py" line="97" />
        <source>High and above</source>
        <translation>高以上</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/queue_panel.py" line="98" />
        <source>Medium and above</source>
        <translation>中以上</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/queue_panel.py" line="99" />
        <source>All severities</source>
        <translation>全部嚴重度</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/queue_panel.py" line="102" />
        <source>Unacknowledged only</source>
        <translation>僅未確認</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/queue_panel.py" line="103" />
        <source>Group repeats</source>
        <translation>合併重複</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/queue_panel.py" line="104" />
        <source>Show shelved</source>
        <translation>顯示暫緩</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/queue_panel.py" line="105" />
        <source>Filter by rule, subject or feed</source>
        <translation>依規則、對象或資料源篩選</translation>
    </message>
</context>
<context>
    <name>AlertState</name>
    <message>
        <location filename="../../ui/alerts/model.py" line="233" />
        <source>unacknowledged</source>
        <translation>未確認</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/model.py" line="234" />
        <source>acknowledged</source>
        <translation>已確認</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/model.py" line="235" />
        <source>shelved</source>
        <translation>暫緩</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/model.py" line="236" />
        <source>escalated</source>
        <translation>已上報</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/model.py" line="237" />
        <source>resolved</source>
        <translation>已結案</translation>
    </message>
</context>
<context>
    <name>ContainerSearchBox</name>
    <message>
        <location filename="../../ui/yard/search_box.py" line="40" />
        <source>Container no. (Ctrl+F)</source>
        <translation>貨櫃號碼 (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/yard/search_box.py" line="61" />
        <source>Not found; did you mean:</source>
        <translation>查無此號；您是否要找：</translation>
    </message>
</context>
<context>
    <name>FeedHealthModel</name>
    <message>
        <location filename="../../ui/health/model.py" line="133" />
        <source>Feed</source>
        <translation>資料源</translation>
    </message>
    <message>
        <location filename="../../ui/health/model.py" line="133" />
        <source>State</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location filename="../../ui/health/model.py" line="133" />
        <source>Events/s</source>
        <translation>事件/秒</translation>
    </message>
    <message>
        <location filename="../../ui/health/model.py" line="134" />
        <source>Last event</source>
        <translation>最後事件</translation>
    </message>
    <message>
        <location filename="../../ui/health/model.py" line="134" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/health/model.py" line="153" />
        <source>%1 s ago</source>
        <translation>%1 秒前</translation>
    </message>
</context>
<context>
    <name>FeedReason</name>
    <message>
        <location filename="../../ui/health/model.py" line="55" />
        <source>the gateway claims events it cannot deliver (%1 times)</source>
        <translation>閘道宣稱有它無法提供的事件（已 %1 次）</translation>
    </message>
</context>
<context>
    <name>FeedState</name>
    <message>
        <location filename="../../ui/health/model.py" line="41" />
        <source>connected</source>
        <translation>已連線</translation>
    </message>
    <message>
        <location filename="../../ui/health/model.py" line="42" />
        <source>resumed</source>
        <translation>已續接</translation>
    </message>
    <message>
        <location filename="../../ui/health/model.py" line="43" />
        <source>synced (snapshot)</source>
        <translation>已同步（快照）</translation>
    </message>
    <message>
        <location filename="../../ui/health/model.py" line="44" />
        <source>gap in data</source>
        <translation>資料缺漏</translation>
    </message>
    <message>
        <location filename="../../ui/health/model.py" line="45" />
        <source>stale</source>
        <translation>資料停滯</translation>
    </message>
    <message>
        <location filename="../../ui/health/model.py" line="46" />
        <source>disconnected</source>
        <translation>已斷線</translation>
    </message>
    <message>
        <location filename="../../ui/health/model.py" line="47" />
        <source>rejected</source>
        <translation>遭拒絕</translation>
    </message>
</context>
<context>
    <name>HistoryWindow</name>
    <message>
        <location filename="../../ui/history/window.py" line="79" />
        <source>Yard Console — history review ({db})</source>
        <translation>智慧櫃場監管台 — 歷史查閱（{db}）</translation>
    </message>
    <message>
        <location filename="../../ui/history/window.py" line="97" />
        <source>container, truck plate, IMO, voyage, B/L, declaration, comment…</source>
        <translation>貨櫃、車牌、IMO、航次、提單、報單、註記…</translation>
    </message>
    <message>
        <location filename="../../ui/history/window.py" line="103" />
        <source>officer</source>
        <translation>關員</translation>
    </message>
    <message>
        <location filename="../../ui/history/window.py" line="111" />
        <source>Search</source>
        <translation>搜尋</translation>
    </message>
    <message>
        <location filename="../../ui/history/window.py" line="115" />
        <source>from</source>
        <translation>起</translation>
    </message>
    <message>
        <location filename="../../ui/history/window.py" line="115" />
        <source>to</source>
        <translation>迄</translation>
    </message>
    <message>
        <location filename="../../ui/history/window.py" line="142" />
        <source>Alerts</source>
        <translation>警示</translation>
    </message>
    <message>
        <location filename="../../ui/history/window.py" line="143" />
        <source>Container</source>
        <translation>貨櫃</translation>
    </message>
    <message>
        <location filename="../../ui/history/window.py" line="144" />
        <source>Replay</source>
        <translation>重播</translation>
    </message>
    <message>
        <location filename="../../ui/history/window.py" line="145" />
        <source>KPIs</source>
        <translation>績效指標</translation>
    </message>
    <message>
        <location filename="../../ui/history/window.py" line="147" />
        <source>Export table (CSV)…</source>
        <translation>匯出表格（CSV）…</translation>
    </message>
    <message>
        <location filename="../../ui/history/window.py" line="149" />
        <source>Shift report (PDF)…</source>
        <translation>班別報告（PDF）…</translation>
    </message>
    <message>
        <location filename="../../ui/history/window.py" line="155" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/history/window.py" line="246" />
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../../ui/history/window.py" line="284" />
        <source>Ready.</source>
        <translation>就緒。</translation>
    </message>
    <message>
        <location filename="../../ui/history/window.py" line="291" />
        <source>{n} alerts</source>
        <translation>{n} 則警示</translation>
    </message>
    <message>
        <location filename="../../ui/history/window.py" line="307" />
        <source>{lane}: {message}</source>
        <translation>{lane}：{message}</translation>
    </message>
    <message>
        <location filename="../../ui/history/window.py" line="344" />
        <source>Export CSV</source>
        <translation>匯出 CSV</translation>
    </message>
    <message>
        <location filename="../../ui/history/window.py" line="349" />
        <source>Shift report</source>
        <translation>班別報告</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <location filename="../../ui/inspector/report.py" line="52" />
        <source>vehicle</source>
        <translation>車輛</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="54" />
        <source>lane</source>
        <translation>車道</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="55" />
        <source>berth</source>
        <translation>泊位</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="75" />
        <source>Not a valid ISO 6346 number.</source>
        <translation>不是有效的 ISO 6346 櫃號。</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="76" />
        <source>Possible readings:</source>
        <translation>可能的正確櫃號：</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="81" />
        <source>empty</source>
        <translation>空櫃</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="81" />
        <source>laden</source>
        <translation>重櫃</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="83" />
        <source>Customs status</source>
        <translation>通關狀態</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="85" />
        <source>Laden / empty</source>
        <translation>重櫃／空櫃</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="86" />
        <source>Size-type</source>
        <translation>尺寸類型</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="87" />
        <source>Slot (block/bay/row/tier)</source>
        <translation>櫃位（區／排／列／層）</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="91" />
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="91" />
        <location filename="../../ui/inspector/report.py" line="168" />
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="93" />
        <source>Clearance history</source>
        <translation>通關紀錄</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="95" />
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="95" />
        <source>Declaration</source>
        <translation>報單號碼</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="96" />
        <source>Customs seals</source>
        <translation>海關封條</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="101" />
        <source>From the last snapshot; no change seen since.</source>
        <translation>取自最近一次快照；此後未見變更。</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="103" />
        <source>No clearance message: not on any manifest.</source>
        <translation>無通關訊息：未列於任何艙單。</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="105" />
        <source>Seals by source</source>
        <translation>封條（依來源）</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="110" />
        <source>declared</source>
        <translation>申報</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="114" />
        <source>Source</source>
        <translation>來源</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="114" />
        <source>Seal numbers</source>
        <translation>封條號碼</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="117" />
        <source>Weights</source>
        <translation>重量</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="121" />
        <source>Gross</source>
        <translation>總重</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="121" />
        <source>Tare</source>
        <translation>空重</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="124" />
        <source>OCR readings</source>
        <translation>OCR 辨識</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="126" />
        <source>Recorded</source>
        <translation>登錄櫃號</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="126" />
        <source>OCR read</source>
        <translation>OCR 讀值</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="127" />
        <source>Confidence</source>
        <translation>信心度</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="130" />
        <source>Event timeline</source>
        <translation>事件時間軸</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="132" />
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="133" />
        <source>Vehicle / lane</source>
        <translation>車輛／車道</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="140" />
        <source>No events seen in this session.</source>
        <translation>本次執行尚未收到事件。</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="162" />
        <source>cleared</source>
        <translation>已解除</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="164" />
        <source>Subject</source>
        <translation>對象</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="165" />
        <source>State</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="166" />
        <source>Raised at (feed time)</source>
        <translation>發出時間（資料源時鐘）</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="167" />
        <source>Feed</source>
        <translation>資料源</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="169" />
        <source>Repeats</source>
        <translation>重複次數</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="171" />
        <source>Evidence</source>
        <translation>證據</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="179" />
        <source>The event that raised it</source>
        <translation>觸發事件</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="183" />
        <source>The raising event is not in this session.</source>
        <translation>觸發事件不在本次執行的紀錄中。</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="193" />
        <source>%1 changes in between are not shown here; the history window has them.</source>
        <translation>中間另有 %1 筆變更未在此顯示；歷史視窗中可查閱。</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="184" />
        <source>History</source>
        <translation>處理紀錄</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="185" />
        <source>When</source>
        <translation>時間</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="185" />
        <source>Action</source>
        <translation>動作</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="186" />
        <source>Who</source>
        <translation>人員</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="186" />
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="198" />
        <source>No position yet.</source>
        <translation>尚無位置。</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="200" />
        <source>Type</source>
        <translation>類型</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="201" />
        <source>Position (m)</source>
        <translation>位置（公尺）</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="202" />
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="203" />
        <source>Heading</source>
        <translation>航向</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="204" />
        <source>Carrying</source>
        <translation>載運</translation>
    </message>
    <message>
        <location filename="../../ui/inspector/report.py" line="205" />
        <source>nothing</source>
        <translation>無</translation>
    </message>
</context>
<context>
    <name>InspectorPanel</name>
    <message>
        <location filename="../../ui/inspector/panel.py" line="34" />
        <source>Click a container or vehicle on the map, or select an alert.</source>
        <translation>請在地圖上點選貨櫃或車輛，或選取一則警示。</translation>
    </message>
</context>
<context>
    <name>KpiPanel</name>
    <message>
        <location filename="../../ui/history/kpi_panel.py" line="35" />
        <source>Alerts per hour by severity</source>
        <translation>每小時警示數（依嚴重度）</translation>
    </message>
    <message>
        <location filename="../../ui/history/kpi_panel.py" line="36" />
        <source>Time to acknowledge (s)</source>
        <translation>確認所需時間（秒）</translation>
    </message>
    <message>
        <location filename="../../ui/history/kpi_panel.py" line="37" />
        <source>Time to resolve (s)</source>
        <translation>結案所需時間（秒）</translation>
    </message>
    <message>
        <location filename="../../ui/history/kpi_panel.py" line="38" />
        <source>Alerts per 10 minutes (flood above 10)</source>
        <translation>每 10 分鐘警示數（超過 10 則為氾濫）</translation>
    </message>
    <message>
        <location filename="../../ui/history/kpi_panel.py" line="59" />
        <source>{n} alerts; acknowledged within target: {a}; resolved within target: {r}; {f} of {w} ten-minute windows in flood</source>
        <translation>{n} 則警示；目標時間內確認：{a}；目標時間內結案：{r}；{w} 個十分鐘區間中有 {f} 個氾濫</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/mainwindow.py" line="217" />
        <source>Yard Console — customs supervision</source>
        <translation>智慧櫃場監管台 — 海關監管</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="218" />
        <source>Alerts</source>
        <translation>警示</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="218" />
        <source>Inspector</source>
        <translation>詳細資料</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="219" />
        <source>Feed health</source>
        <translation>資料源狀態</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="219" />
        <source>CCTV wall</source>
        <translation>監視牆</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="220" />
        <source>Legend</source>
        <translation>圖例</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="223" />
        <source>Main toolbar</source>
        <translation>主工具列</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="224" />
        <source>Map layers</source>
        <translation>地圖圖層</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="226" />
        <source>Keyboard shortcuts</source>
        <translation>鍵盤快速鍵</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="226" />
        <source>Find container</source>
        <translation>搜尋貨櫃</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="227" />
        <source>Focus the map</source>
        <translation>移至地圖</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="228" />
        <source>Focus the alert queue</source>
        <translation>移至警示佇列</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="229" />
        <source>Focus the inspector</source>
        <translation>移至詳細資料</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="230" />
        <source>Whole terminal</source>
        <translation>全場</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="231" />
        <source>Go to the announced alert</source>
        <translation>前往通報的警示</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="232" />
        <source>Dismiss the announcement</source>
        <translation>關閉通報</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="233" />
        <source>Mute alarm sound</source>
        <translation>警報靜音</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="234" />
        <source>中文 / English</source>
        <translation>中文 / English</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="235" />
        <source>Zones</source>
        <translation>區域</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="235" />
        <source>Containers</source>
        <translation>貨櫃</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="236" />
        <source>Vehicles</source>
        <translation>車輛</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="236" />
        <source>Cranes</source>
        <translation>起重機</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="237" />
        <source>Fence</source>
        <translation>圍籬</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="237" />
        <source>Alert markers</source>
        <translation>警示標記</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="238" />
        <source>Labels</source>
        <translation>標籤</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="244" />
        <source>CCTV wall: no cameras connected</source>
        <translation>監視牆：未連接攝影機</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="276" />
        <source>Storage problem: %1</source>
        <translation>儲存問題：%1</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="282" />
        <source>Internal error logged (the console keeps running): %1</source>
        <translation>已記錄內部錯誤（監管台持續運作）：%1</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="288" />
        <source>(F8 to go there)</source>
        <translation>（按 F8 前往）</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="300" />
        <source>No container matches %1</source>
        <translation>找不到符合 %1 的貨櫃</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="310" />
        <source>Feeds: %1 of %2 healthy</source>
        <translation>資料源：%2 個中 %1 個正常</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="317" />
        <source>Containers in yard: %1</source>
        <translation>場內貨櫃：%1</translation>
    </message>
    <message>
        <location filename="../work/main/ui/mainwindow.py" line="241" />
        <source>Handle alert</source>
        <translation>處理警報</translation>
    </message>
    <message>
        <location filename="../work/main/ui/mainwindow.py" line="253" />
        <source>Handle the selected alert</source>
        <translation>處理所選警報</translation>
    </message>
    <message>
        <location filename="../work/main/ui/mainwindow.py" line="254" />
        <source>Sign in / unlock</source>
        <translation>登入／解鎖</translation>
    </message>
    <message>
        <location filename="../work/main/ui/mainwindow.py" line="255" />
        <source>Lock the console</source>
        <translation>鎖定監管台</translation>
    </message>
    <message>
        <location filename="../work/main/ui/mainwindow.py" line="256" />
        <source>History review</source>
        <translation>歷史查閱</translation>
    </message>
    <message>
        <location filename="../work/main/ui/mainwindow.py" line="380" />
        <source>Actions are not available in this window</source>
        <translation>此視窗無法執行操作</translation>
    </message>
    <message>
        <source>Desk layout for this screen</source>
        <translation>此螢幕的桌面配置</translation>
    </message>
</context>
<context>
    <name>ReplayPanel</name>
    <message>
        <location filename="../../ui/history/replay_panel.py" line="68" />
        <location filename="../../ui/history/replay_panel.py" line="151" />
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../ui/history/replay_panel.py" line="89" />
        <source>Open alerts at that moment</source>
        <translation>該時刻的未結警示</translation>
    </message>
    <message>
        <location filename="../../ui/history/replay_panel.py" line="131" />
        <source>{c} containers, {v} vehicles; {ms:.0f} ms</source>
        <translation>{c} 個貨櫃、{v} 輛車；{ms:.0f} 毫秒</translation>
    </message>
    <message>
        <location filename="../../ui/history/replay_panel.py" line="151" />
        <source>Pause</source>
        <translation>暫停</translation>
    </message>
</context>
<context>
    <name>Rule</name>
    <message>
        <location filename="../../ui/alerts/rules.py" line="16" />
        <source>Gate-out without release</source>
        <translation>未放行即出場</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/rules.py" line="17" />
        <source>Gate-out under hold</source>
        <translation>扣留中出場</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/rules.py" line="18" />
        <source>Seal mismatch</source>
        <translation>封條不符</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/rules.py" line="19" />
        <source>Invalid container number</source>
        <translation>櫃號無效</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/rules.py" line="20" />
        <source>Low OCR confidence</source>
        <translation>OCR 信心度低</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/rules.py" line="21" />
        <source>Not on manifest</source>
        <translation>未列艙單</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/rules.py" line="22" />
        <source>Empty/laden weight mismatch</source>
        <translation>空重櫃重量不符</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/rules.py" line="23" />
        <source>Unscheduled stop</source>
        <translation>非預定停車</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/rules.py" line="24" />
        <source>Restricted zone entered</source>
        <translation>進入禁區</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/rules.py" line="25" />
        <source>Transfer overdue</source>
        <translation>轉運逾時</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/rules.py" line="26" />
        <source>Location conflict</source>
        <translation>位置衝突</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/rules.py" line="27" />
        <source>Unknown container at gate</source>
        <translation>不明貨櫃出場</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/rules.py" line="28" />
        <source>Fence intrusion</source>
        <translation>圍籬入侵</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/rules.py" line="29" />
        <source>Feed stale</source>
        <translation>資料源停滯</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/rules.py" line="30" />
        <source>Device down</source>
        <translation>設備故障</translation>
    </message>
</context>
<context>
    <name>Severity</name>
    <message>
        <location filename="../../ui/severity.py" line="29" />
        <source>CRITICAL</source>
        <translation>緊急</translation>
    </message>
    <message>
        <location filename="../../ui/severity.py" line="30" />
        <source>HIGH</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../ui/severity.py" line="31" />
        <source>MEDIUM</source>
        <translation>中</translation>
    </message>
    <message>
        <location filename="../../ui/severity.py" line="32" />
        <source>LOW</source>
        <translation>低</translation>
    </message>
</context>
<context>
    <name>ShortcutOverlay</name>
    <message>
        <location filename="../../ui/help_overlay.py" line="40" />
        <source>Pan the map</source>
        <translation>平移地圖</translation>
    </message>
    <message>
        <location filename="../../ui/help_overlay.py" line="40" />
        <source>Zoom the map</source>
        <translation>縮放地圖</translation>
    </message>
    <message>
        <location filename="../../ui/help_overlay.py" line="41" />
        <source>Whole terminal</source>
        <translation>全場</translation>
    </message>
    <message>
        <location filename="../../ui/help_overlay.py" line="41" />
        <source>Go to the selected alert</source>
        <translation>前往選取的警示</translation>
    </message>
    <message>
        <location filename="../../ui/help_overlay.py" line="60" />
        <source>Keyboard shortcuts</source>
        <translation>鍵盤快速鍵</translation>
    </message>
    <message>
        <source>Back: from the case to the queue; in the queue, clear the selection</source>
        <translation>返回：從案件回到佇列；在佇列中則取消選取</translation>
    </message>
    <message>
        <source>Case (Ctrl+4): choose another proposal and accept it</source>
        <translation>案件（Ctrl+4）：選擇其他建議並採用</translation>
    </message>
    <message>
        <source>Map: pan</source>
        <translation>地圖：平移</translation>
    </message>
    <message>
        <source>Map: whole terminal</source>
        <translation>地圖：全場</translation>
    </message>
    <message>
        <source>Map: zoom</source>
        <translation>地圖：縮放</translation>
    </message>
    <message>
        <source>Queue: accept the proposal for the selected alert</source>
        <translation>佇列：採用所選警報的建議處理</translation>
    </message>
    <message>
        <source>Queue: select the previous / next alert</source>
        <translation>佇列：選取上一則／下一則警報</translation>
    </message>
</context>
<context>
    <name>YardLegend</name>
    <message>
        <location filename="../../ui/yard/legend.py" line="17" />
        <source>empty slot</source>
        <translation>空櫃位</translation>
    </message>
    <message>
        <location filename="../../ui/yard/legend.py" line="18" />
        <source>released</source>
        <translation>已放行</translation>
    </message>
    <message>
        <location filename="../../ui/yard/legend.py" line="19" />
        <source>pending</source>
        <translation>待審核</translation>
    </message>
    <message>
        <location filename="../../ui/yard/legend.py" line="20" />
        <source>not on manifest</source>
        <translation>未列艙單</translation>
    </message>
    <message>
        <location filename="../../ui/yard/legend.py" line="21" />
        <source>inspect</source>
        <translation>查驗</translation>
    </message>
    <message>
        <location filename="../../ui/yard/legend.py" line="22" />
        <source>hold</source>
        <translation>扣留</translation>
    </message>
    <message>
        <location filename="../../ui/yard/legend.py" line="40" />
        <source>paler = empty container</source>
        <translation>較淡＝空櫃</translation>
    </message>
    <message>
        <location filename="../../ui/yard/legend.py" line="41" />
        <source>brighter = taller stack</source>
        <translation>較亮＝堆疊較高</translation>
    </message>
    <message>
        <location filename="../../ui/yard/legend.py" line="43" />
        <source>vehicle, filled = its cargo</source>
        <translation>車輛（填色＝所載貨櫃）</translation>
    </message>
    <message>
        <location filename="../../ui/yard/legend.py" line="44" />
        <source>vehicle, empty</source>
        <translation>車輛（空車）</translation>
    </message>
    <message>
        <location filename="../../ui/yard/legend.py" line="45" />
        <source>fence in alarm</source>
        <translation>圍籬警報</translation>
    </message>
    <message>
        <source>crane</source>
        <translation>起重機</translation>
    </message>
</context>
<context>
    <name>YardMap</name>
    <message>
        <location filename="../../ui/yard/map_widget.py" line="172" />
        <location filename="../../ui/yard/map_widget.py" line="184" />
        <source>empty</source>
        <translation>空櫃</translation>
    </message>
    <message>
        <location filename="../../ui/yard/map_widget.py" line="173" />
        <source>Vehicle %1 · %2 m/s · carrying %3</source>
        <translation>車輛 %1 · %2 公尺/秒 · 載運 %3</translation>
    </message>
    <message>
        <location filename="../../ui/yard/map_widget.py" line="179" />
        <source>Block %1 bay %2 row %3</source>
        <translation>%1 區 第 %2 排 第 %3 列</translation>
    </message>
    <message>
        <location filename="../../ui/yard/map_widget.py" line="184" />
        <source>laden</source>
        <translation>重櫃</translation>
    </message>
    <message>
        <location filename="../../ui/yard/map_widget.py" line="323" />
        <source>STALE FEED — greyed layers may be out of date</source>
        <translation>資料停滯 — 灰色圖層可能已過時</translation>
    </message>
</context>
<context>
    <name>AlertEvidence</name>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="22" />
        <source>corrected</source>
        <translation>已更正</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="23" />
        <source>confirmed violation</source>
        <translation>確認違規</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="24" />
        <source>false alarm</source>
        <translation>誤報</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="25" />
        <source>duplicate</source>
        <translation>重複</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="33" />
        <source>Acknowledge: I am handling it</source>
        <translation>確認：由我處理</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="35" />
        <source>Escalate to a supervisor</source>
        <translation>呈報主管</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="37" />
        <source>Correct the number to %1 at the terminal and resolve</source>
        <translation>向碼頭更正櫃號為 %1 並結案</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="42" />
        <source>Correct the seals to %1 at the terminal and resolve</source>
        <translation>向碼頭更正封條為 %1 並結案</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="44" />
        <source>Resolve as %1</source>
        <translation>以「%1」結案</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="62" />
        <source>Recorded number</source>
        <translation>記錄櫃號</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="63" />
        <source>OCR reading</source>
        <translation>OCR 辨識結果</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="65" />
        <source>Candidates on the manifest</source>
        <translation>艙單上的候選櫃號</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="68" />
        <source>Valid but not on the manifest</source>
        <translation>格式正確但不在艙單上</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="74" />
        <source>Seals read</source>
        <translation>讀取到的封條</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="75" />
        <source>Customs seals</source>
        <translation>海關封條</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="77" />
        <source>Missing customs seals</source>
        <translation>缺少的海關封條</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="86" />
        <source>no snapshot of that moment; the CCTV wall shows the live camera</source>
        <translation>無當時的截圖；監視牆顯示即時影像</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="88" />
        <source>Camera frame</source>
        <translation>攝影機畫面</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="92" />
        <source>Rule</source>
        <translation>規則</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="93" />
        <source>Subject</source>
        <translation>對象</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="97" />
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="106" />
        <source>no clearance at all</source>
        <translation>完全沒有通關紀錄</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="108" />
        <source>Clearance history</source>
        <translation>通關歷程</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>pending</source>
        <translation>待核</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>released</source>
        <translation>已放行</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>on hold</source>
        <translation>扣押中</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>selected for inspection</source>
        <translation>已抽中查驗</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>%1 is not written as a container number (3 capital letters, U, J or Z, 7 digits)</source>
        <translation>%1 不符合貨櫃號碼格式（3 個大寫字母、U／J／Z、7 位數字）</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>check digit %1 computed from %2: correct</source>
        <translation>由 %2 算出檢查碼 %1：正確</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>check digit computed from %1 is %2, the number ends in %3: wrong</source>
        <translation>由 %1 算出檢查碼為 %2，號碼末碼為 %3：錯誤</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>Customs seal</source>
        <translation>海關封條</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>Read at the event</source>
        <translation>事件時讀取</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>found</source>
        <translation>已讀到</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>MISSING</source>
        <translation>缺少</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>not a customs seal</source>
        <translation>非海關封條</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>no seals</source>
        <translation>無封條</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>Seals</source>
        <translation>封條</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>no clearance at that moment</source>
        <translation>當時尚無通關資料</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>%1 since %2 (declaration %3)</source>
        <translation>%1，自 %2 起（報單 %3）</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>empty</source>
        <translation>空櫃</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>laden</source>
        <translation>重櫃</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>not declared</source>
        <translation>未申報</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>Declared to customs</source>
        <translation>向海關申報</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>Reported by the terminal</source>
        <translation>碼頭回報</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>Measured gross weight</source>
        <translation>實測總重</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>Tare (empty box)</source>
        <translation>空櫃重（皮重）</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>Load (gross − tare)</source>
        <translation>載重（總重 − 皮重）</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>Place</source>
        <translation>地點</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>Carrying</source>
        <translation>載運</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>Standing still since</source>
        <translation>靜止起始時間</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>Duration when raised</source>
        <translation>告警時已靜止</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>Clearance at the event</source>
        <translation>事件當時的通關狀態</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>gate-in</source>
        <translation>進閘</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>gate-out</source>
        <translation>出閘</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>discharged from the vessel</source>
        <translation>自船上卸下</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>loaded on the vessel</source>
        <translation>裝上船</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>picked from the stack</source>
        <translation>自櫃堆吊起</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>dropped into the stack</source>
        <translation>放入櫃堆</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>the frame of that moment is shown below</source>
        <translation>當時的畫面顯示於下方</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/evidence_view.py" line="1" />
        <source>fetching the frame of that moment…</source>
        <translation>正在取得當時的畫面…</translation>
    </message>
</context>
<context>
    <name>OperationsPanel</name>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="132" />
        <source>Accept (Enter)</source>
        <translation>採用（Enter）</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="133" />
        <source>Escalate</source>
        <translation>呈報</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="134" />
        <source>Reopen</source>
        <translation>重新開啟</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="135" />
        <source>Comment (optional; the reason is recorded)</source>
        <translation>備註（選填；理由將被記錄）</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="173" />
        <source>Read only: no officer desk</source>
        <translation>唯讀：無關員作業台</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="175" />
        <source>Not signed in: alerts are read only</source>
        <translation>尚未登入：警報僅供檢視</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="177" />
        <source>Locked (%1): sign in again to act</source>
        <translation>已鎖定（%1）：請重新登入以執行操作</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="181" />
        <source>%1 (%2) at station %3</source>
        <translation>%1（%2），工作站 %3</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="184" />
        <source>DEMO account, automatically signed in: %1</source>
        <translation>示範帳號，已自動登入：%1</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="191" />
        <source>password: %1</source>
        <translation>密碼：%1</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="186" />
        <source>Unlock…</source>
        <translation>解鎖…</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="187" />
        <source>Sign in…</source>
        <translation>登入…</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="192" />
        <source>Select an alert in the queue</source>
        <translation>請在警報佇列中選擇一則警報</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="200" />
        <source>Escalated: a supervisor handles this alert.</source>
        <translation>已呈報：此警報由主管處理。</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="211" />
        <source>Only a supervisor may reopen an alert</source>
        <translation>只有主管可以重新開啟警報</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="227" />
        <source>The terminal rejected the correction: %1</source>
        <translation>碼頭拒絕了更正：%1</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="231" />
        <source>The terminal accepted the correction; the alert is resolved.</source>
        <translation>碼頭已接受更正；警報已結案。</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="249" />
        <source>Sign in to act on alerts.</source>
        <translation>請登入以處理警報。</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="279" />
        <source>Not done: %1</source>
        <translation>未執行：%1</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="285" />
        <source>Correction sent to the terminal; waiting for its answer.</source>
        <translation>更正已送至碼頭；等待回覆。</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="290" />
        <source>Acknowledged.</source>
        <translation>已確認。</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="290" />
        <source>Escalated.</source>
        <translation>已呈報。</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="291" />
        <source>Reopened.</source>
        <translation>已重新開啟。</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="291" />
        <source>Resolved.</source>
        <translation>已結案。</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="185" />
        <source>officer</source>
        <translation>關員</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="185" />
        <source>supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/panel.py" line="186" />
        <source>installer</source>
        <translation>安裝人員</translation>
    </message>
    <message>
        <source>(%1 alerts of the group)</source>
        <translation>（此群組共 %1 則警報）</translation>
    </message>
    <message>
        <source>Not done: the alert is %1 now; the proposals are updated.</source>
        <translation>未執行：此警報目前為%1；建議已更新。</translation>
    </message>
    <message>
        <source>Not done: this alert is no longer in the console.</source>
        <translation>未執行：此警報已不在監管台中。</translation>
    </message>
    <message>
        <source>Nothing to propose for this alert in its present state.</source>
        <translation>此警報目前的狀態沒有可建議的處理。</translation>
    </message>
    <message>
        <source>Read the case first: Enter acts once the case has been on screen for a second.</source>
        <translation>請先閱讀案件：案件顯示一秒後，Enter 才會執行。</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../work/main/ui/operations/sign_in_dialog.py" line="59" />
        <source>Sign in</source>
        <translation>登入</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/sign_in_dialog.py" line="60" />
        <source>Sign in at station %1 to act on alerts. The alert queue and the map stay visible without signing in.</source>
        <translation>請在工作站 %1 登入以處理警報。未登入時仍可檢視警報佇列與地圖。</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/sign_in_dialog.py" line="65" />
        <source>Officer name</source>
        <translation>關員帳號</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/sign_in_dialog.py" line="68" />
        <source>Password</source>
        <translation>密碼</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/sign_in_dialog.py" line="70" />
        <source>No officer account exists on this console. An installer creates one with: %1</source>
        <translation>此監管台尚無關員帳號。請安裝人員以下列指令建立：%1</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/sign_in_dialog.py" line="89" />
        <source>Give your officer name.</source>
        <translation>請輸入關員帳號。</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../work/main/ui/operations/unlock_dialog.py" line="60" />
        <source>Console locked</source>
        <translation>監管台已鎖定</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/unlock_dialog.py" line="63" />
        <source>The console is locked. Alerts stay visible and audible; %1, give your password to act again.</source>
        <translation>監管台已鎖定。警報仍會顯示並發出聲響；%1，請輸入密碼以繼續操作。</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/unlock_dialog.py" line="65" />
        <source>Password</source>
        <translation>密碼</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/unlock_dialog.py" line="66" />
        <source>Another officer…</source>
        <translation>其他關員…</translation>
    </message>
</context>
<context>
    <name>CameraWall</name>
    <message>
        <location filename="../work/main/ui/cctv/wall.py" line="1" />
        <source>%1 tiles</source>
        <translation>%1 格</translation>
    </message>
    <message>
        <location filename="../work/main/ui/cctv/wall.py" line="1" />
        <source>camera ids or area (e.g. CAM-R17-03, Q1)</source>
        <translation>攝影機編號或區域（例如 CAM-R17-03、Q1）</translation>
    </message>
    <message>
        <location filename="../work/main/ui/cctv/wall.py" line="1" />
        <source>unknown camera: %1</source>
        <translation>無此攝影機：%1</translation>
    </message>
    <message>
        <location filename="../work/main/ui/cctv/wall.py" line="1" />
        <source>no camera sees (%1, %2)</source>
        <translation>沒有攝影機涵蓋此處（%1, %2）</translation>
    </message>
    <message>
        <location filename="../work/main/ui/cctv/wall.py" line="1" />
        <source>the layout does not place this position</source>
        <translation>佈局中無此位置</translation>
    </message>
    <message>
        <location filename="../work/main/ui/cctv/wall.py" line="1" />
        <source>the layout has no fence segment %1</source>
        <translation>佈局中無圍籬段 %1</translation>
    </message>
    <message>
        <location filename="../work/main/ui/cctv/wall.py" line="1" />
        <source>the layout has no area %1</source>
        <translation>佈局中無區域 %1</translation>
    </message>
    <message>
        <location filename="../work/main/ui/cctv/wall.py" line="1" />
        <source>no camera stands in %1</source>
        <translation>%1 內沒有攝影機</translation>
    </message>
    <message>
        <location filename="../work/main/ui/cctv/wall.py" line="1" />
        <source>no live picture to save</source>
        <translation>沒有即時畫面可存證</translation>
    </message>
    <message>
        <location filename="../work/main/ui/cctv/wall.py" line="1" />
        <source>evidence cannot be saved: no database</source>
        <translation>無法存證：沒有資料庫</translation>
    </message>
    <message>
        <location filename="../work/main/ui/cctv/wall.py" line="1" />
        <source>the snapshot was not saved: %1</source>
        <translation>畫面未存證：%1</translation>
    </message>
    <message>
        <location filename="../work/main/ui/cctv/wall.py" line="1" />
        <source>snapshot of %1 saved (%2…)</source>
        <translation>已存證 %1 的畫面（%2…）</translation>
    </message>
</context>
<context>
    <name>CameraTile</name>
    <message>
        <location filename="../work/main/ui/cctv/tile.py" line="1" />
        <source>no camera</source>
        <translation>無攝影機</translation>
    </message>
    <message>
        <location filename="../work/main/ui/cctv/tile.py" line="1" />
        <source>device down</source>
        <translation>設備故障</translation>
    </message>
    <message>
        <location filename="../work/main/ui/cctv/tile.py" line="1" />
        <source>NO SIGNAL since %1</source>
        <translation>無訊號，自 %1 起</translation>
    </message>
    <message>
        <location filename="../work/main/ui/cctv/tile.py" line="1" />
        <source>live</source>
        <translation>即時</translation>
    </message>
    <message>
        <location filename="../work/main/ui/cctv/tile.py" line="1" />
        <source>connecting</source>
        <translation>連線中</translation>
    </message>
    <message>
        <location filename="../work/main/ui/cctv/tile.py" line="1" />
        <source>reconnecting</source>
        <translation>重新連線中</translation>
    </message>
    <message>
        <location filename="../work/main/ui/cctv/tile.py" line="1" />
        <source>off</source>
        <translation>關閉</translation>
    </message>
    <message>
        <location filename="../work/main/ui/cctv/tile.py" line="1" />
        <source>%1, device degraded</source>
        <translation>%1，設備效能降低</translation>
    </message>
    <message>
        <location filename="../work/main/ui/cctv/tile.py" line="1" />
        <source>pinned</source>
        <translation>已固定</translation>
    </message>
    <message>
        <location filename="../work/main/ui/cctv/tile.py" line="1" />
        <source>Unpin tile</source>
        <translation>取消固定</translation>
    </message>
    <message>
        <location filename="../work/main/ui/cctv/tile.py" line="1" />
        <source>Pin tile</source>
        <translation>固定</translation>
    </message>
</context>
<context>
    <name>OcrFrames</name>
    <message>
        <location filename="../work/main/ui/operations/ocr_frames.py" line="1" />
        <source>the frame's address is not a web address</source>
        <translation>畫面位址不是網址</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/ocr_frames.py" line="1" />
        <source>the camera system did not give the frame (%1)</source>
        <translation>攝影機系統未提供畫面（%1）</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/ocr_frames.py" line="1" />
        <source>the camera system sent no usable frame</source>
        <translation>攝影機系統送來的畫面無法使用</translation>
    </message>
    <message>
        <location filename="../work/main/ui/operations/ocr_frames.py" line="1" />
        <source>the frame could not be kept (%1)</source>
        <translation>畫面無法保存（%1）</translation>
    </message>
</context>
</TS>