<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
    <context>
        <name>AlertEvidence</name>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="29" />
            <source>corrected</source>
            <translation>已更正</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="30" />
            <source>confirmed violation</source>
            <translation>確認違規</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="31" />
            <source>false alarm</source>
            <translation>誤報</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="32" />
            <source>duplicate</source>
            <translation>重複</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="40" />
            <source>Acknowledge: I am handling it</source>
            <translation>確認：由我處理</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="42" />
            <source>Escalate to a supervisor</source>
            <translation>呈報主管</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="44" />
            <source>Correct the number to %1 at the terminal and resolve</source>
            <translation>向碼頭更正櫃號為 %1 並結案</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="49" />
            <source>Correct the seals to %1 at the terminal and resolve</source>
            <translation>向碼頭更正封條為 %1 並結案</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="51" />
            <source>Resolve as %1</source>
            <translation>以「%1」結案</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="110" />
            <source>Recorded number</source>
            <translation>記錄櫃號</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="112" />
            <source>OCR reading</source>
            <translation>OCR 辨識結果</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="116" />
            <source>Candidates on the manifest</source>
            <translation>艙單上的候選櫃號</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="119" />
            <source>Valid but not on the manifest</source>
            <translation>格式正確但不在艙單上</translation>
        </message>
        <message>
            <source>Seals read</source>
            <translation>讀取到的封條</translation>
        </message>
        <message>
            <source>Customs seals</source>
            <translation>海關封條</translation>
        </message>
        <message>
            <source>Missing customs seals</source>
            <translation>缺少的海關封條</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="200" />
            <source>no snapshot of that moment; the CCTV wall shows the live camera</source>
            <translation>無當時的截圖；監視牆顯示即時影像</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="202" />
            <source>Camera frame</source>
            <translation>攝影機畫面</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="206" />
            <source>Rule</source>
            <translation>規則</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="207" />
            <source>Subject</source>
            <translation>對象</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="211" />
            <source>Event</source>
            <translation>事件</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="228" />
            <source>no clearance at all</source>
            <translation>完全沒有通關紀錄</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="230" />
            <source>Clearance history</source>
            <translation>通關歷程</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="69" />
            <source>pending</source>
            <translation>待核</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="70" />
            <source>released</source>
            <translation>已放行</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="71" />
            <source>on hold</source>
            <translation>扣押中</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="72" />
            <source>selected for inspection</source>
            <translation>已抽中查驗</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="96" />
            <source>%1 is not written as a container number (3 capital letters, U, J or Z, 7 digits)</source>
            <translation>%1 不符合貨櫃號碼格式（3 個大寫字母、U／J／Z、7 位數字）</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="101" />
            <source>check digit %1 computed from %2: correct</source>
            <translation>由 %2 算出檢查碼 %1：正確</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="103" />
            <source>check digit computed from %1 is %2, the number ends in %3: wrong</source>
            <translation>由 %1 算出檢查碼為 %2，號碼末碼為 %3：錯誤</translation>
        </message>
        <message>
            <source>Customs seal</source>
            <translation>海關封條</translation>
        </message>
        <message>
            <source>Read at the event</source>
            <translation>事件時讀取</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="128" />
            <source>found</source>
            <translation>已讀到</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="128" />
            <source>MISSING</source>
            <translation>缺少</translation>
        </message>
        <message>
            <source>not a customs seal</source>
            <translation>非海關封條</translation>
        </message>
        <message>
            <source>no seals</source>
            <translation>無封條</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="139" />
            <source>Seals</source>
            <translation>封條</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="144" />
            <source>no clearance at that moment</source>
            <translation>當時尚無通關資料</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="145" />
            <source>%1 since %2 (declaration %3)</source>
            <translation>%1，自 %2 起（報單 %3）</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="156" />
            <location filename="../../ui/operations/evidence_view.py" line="159" />
            <source>empty</source>
            <translation>空櫃</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="157" />
            <location filename="../../ui/operations/evidence_view.py" line="160" />
            <source>laden</source>
            <translation>重櫃</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="158" />
            <source>not declared</source>
            <translation>未申報</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="164" />
            <source>Declared to customs</source>
            <translation>向海關申報</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="165" />
            <source>Reported by the terminal</source>
            <translation>碼頭回報</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="166" />
            <source>Measured gross weight</source>
            <translation>實測總重</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="167" />
            <source>Tare (empty box)</source>
            <translation>空櫃重（皮重）</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="168" />
            <source>Load (gross − tare)</source>
            <translation>載重（總重 − 皮重）</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="177" />
            <source>Place</source>
            <translation>地點</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="179" />
            <source>Carrying</source>
            <translation>載運</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="183" />
            <source>Standing still since</source>
            <translation>靜止起始時間</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="186" />
            <source>Duration when raised</source>
            <translation>告警時已靜止</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="187" />
            <source>%1 s</source>
            <translation>%1 秒</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="214" />
            <source>Clearance at the event</source>
            <translation>事件當時的通關狀態</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="80" />
            <source>gate-in</source>
            <translation>進閘</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="81" />
            <source>gate-out</source>
            <translation>出閘</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="82" />
            <source>discharged from the vessel</source>
            <translation>自船上卸下</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="83" />
            <source>loaded on the vessel</source>
            <translation>裝上船</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="84" />
            <source>picked from the stack</source>
            <translation>自櫃堆吊起</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="85" />
            <source>dropped into the stack</source>
            <translation>放入櫃堆</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="194" />
            <source>the frame of that moment is shown below</source>
            <translation>當時的畫面顯示於下方</translation>
        </message>
        <message>
            <location filename="../../ui/operations/evidence_view.py" line="196" />
            <source>fetching the frame of that moment…</source>
            <translation>正在取得當時的畫面…</translation>
        </message>
    </context>
    <context>
        <name>AlertQueueModel</name>
        <message>
            <location filename="../../ui/alerts/model.py" line="157" />
            <source>Severity</source>
            <translation>嚴重度</translation>
        </message>
        <message>
            <location filename="../../ui/alerts/model.py" line="157" />
            <source>Time left</source>
            <translation>剩餘時間</translation>
        </message>
        <message>
            <location filename="../../ui/alerts/model.py" line="158" />
            <source>Rule</source>
            <translation>規則</translation>
        </message>
        <message>
            <location filename="../../ui/alerts/model.py" line="158" />
            <source>Subject</source>
            <translation>對象</translation>
        </message>
        <message>
            <location filename="../../ui/alerts/model.py" line="159" />
            <source>State</source>
            <translation>狀態</translation>
        </message>
        <message>
            <location filename="../../ui/alerts/model.py" line="159" />
            <source>Feed</source>
            <translation>資料源</translation>
        </message>
        <message>
            <location filename="../../ui/alerts/model.py" line="206" />
            <source>OVERDUE %1</source>
            <translation>逾時 %1</translation>
        </message>
        <message>
            <location filename="../../ui/alerts/model.py" line="214" />
            <source>cleared</source>
            <translation>已解除</translation>
        </message>
        <message>
            <location filename="../../ui/alerts/model.py" line="218" />
            <source>%1 on %2, raised %3</source>
            <translation>%1：%2，發出於 %3</translation>
        </message>
    </context>
    <context>
        <name>AlertQueuePanel</name>
        <message>
            <location filename="../../ui/alerts/queue_panel.py" line="112" />
            <source>Critical only</source>
            <translation>僅緊急</translation>
        </message>
        <message>
            <location filename="../../ui/alerts/queue_panel.py" line="113" />
            <source>High and above</source>
            <translation>高以上</translation>
        </message>
        <message>
            <location filename="../../ui/alerts/queue_panel.py" line="114" />
            <source>Medium and above</source>
            <translation>中以上</translation>
        </message>
        <message>
            <location filename="../../ui/alerts/queue_panel.py" line="115" />
            <source>All severities</source>
            <translation>全部嚴重度</translation>
        </message>
        <message>
            <location filename="../../ui/alerts/queue_panel.py" line="118" />
            <source>Unacknowledged only</source>
            <translation>僅未確認</translation>
        </message>
        <message>
            <location filename="../../ui/alerts/queue_panel.py" line="119" />
            <source>Group repeats</source>
            <translation>合併重複</translation>
        </message>
        <message>
            <location filename="../../ui/alerts/queue_panel.py" line="120" />
            <source>Show shelved</source>
            <translation>顯示暫緩</translation>
        </message>
        <message>
            <location filename="../../ui/alerts/queue_panel.py" line="121" />
            <source>Filter by rule, subject or feed</source>
            <translation>依規則、對象或資料源篩選</translation>
        </message>
    </context>
    <context>
        <name>AlertState</name>
        <message>
            <location filename="../../ui/alerts/model.py" line="228" />
            <source>unacknowledged</source>
            <translation>未確認</translation>
        </message>
        <message>
            <location filename="../../ui/alerts/model.py" line="229" />
            <source>acknowledged</source>
            <translation>已確認</translation>
        </message>
        <message>
            <location filename="../../ui/alerts/model.py" line="230" />
            <source>shelved</source>
            <translation>暫緩</translation>
        </message>
        <message>
            <location filename="../../ui/alerts/model.py" line="231" />
            <source>escalated</source>
            <translation>已上報</translation>
        </message>
        <message>
            <location filename="../../ui/alerts/model.py" line="232" />
            <source>resolved</source>
            <translation>已結案</translation>
        </message>
    </context>
    <context>
        <name>CameraTile</name>
        <message>
            <location filename="../../ui/cctv/tile.py" line="168" />
            <source>no camera</source>
            <translation>無攝影機</translation>
        </message>
        <message>
            <location filename="../../ui/cctv/tile.py" line="170" />
            <source>device down</source>
            <translation>設備故障</translation>
        </message>
        <message>
            <location filename="../../ui/cctv/tile.py" line="174" />
            <source>NO SIGNAL since %1</source>
            <translation>無訊號，自 %1 起</translation>
        </message>
        <message>
            <location filename="../../ui/cctv/tile.py" line="175" />
            <source>live</source>
            <translation>即時</translation>
        </message>
        <message>
            <location filename="../../ui/cctv/tile.py" line="175" />
            <source>connecting</source>
            <translation>連線中</translation>
        </message>
        <message>
            <location filename="../../ui/cctv/tile.py" line="176" />
            <source>reconnecting</source>
            <translation>重新連線中</translation>
        </message>
        <message>
            <location filename="../../ui/cctv/tile.py" line="177" />
            <source>off</source>
            <translation>關閉</translation>
        </message>
        <message>
            <location filename="../../ui/cctv/tile.py" line="179" />
            <source>%1, device degraded</source>
            <translation>%1，設備效能降低</translation>
        </message>
        <message>
            <location filename="../../ui/cctv/tile.py" line="198" />
            <source>pinned</source>
            <translation>已固定</translation>
        </message>
        <message>
            <location filename="../../ui/cctv/tile.py" line="270" />
            <source>Unpin tile</source>
            <translation>取消固定</translation>
        </message>
        <message>
            <location filename="../../ui/cctv/tile.py" line="270" />
            <source>Pin tile</source>
            <translation>固定</translation>
        </message>
    </context>
    <context>
        <name>CameraWall</name>
        <message>
            <location filename="../../ui/cctv/wall.py" line="260" />
            <source>%1 tiles</source>
            <translation>%1 格</translation>
        </message>
        <message>
            <location filename="../../ui/cctv/wall.py" line="261" />
            <source>camera ids or area (e.g. CAM-R17-03, Q1)</source>
            <translation>攝影機編號或區域（例如 CAM-R17-03、Q1）</translation>
        </message>
        <message>
            <location filename="../../ui/cctv/wall.py" line="200" />
            <source>unknown camera: %1</source>
            <translation>無此攝影機：%1</translation>
        </message>
        <message>
            <location filename="../../ui/cctv/wall.py" line="218" />
            <source>no camera sees (%1, %2)</source>
            <translation>沒有攝影機涵蓋此處（%1, %2）</translation>
        </message>
        <message>
            <location filename="../../ui/cctv/wall.py" line="228" />
            <source>the layout does not place this position</source>
            <translation>佈局中無此位置</translation>
        </message>
        <message>
            <location filename="../../ui/cctv/wall.py" line="235" />
            <source>the layout has no fence segment %1</source>
            <translation>佈局中無圍籬段 %1</translation>
        </message>
        <message>
            <location filename="../../ui/cctv/wall.py" line="242" />
            <source>the layout has no area %1</source>
            <translation>佈局中無區域 %1</translation>
        </message>
        <message>
            <location filename="../../ui/cctv/wall.py" line="246" />
            <source>no camera stands in %1</source>
            <translation>%1 內沒有攝影機</translation>
        </message>
        <message>
            <location filename="../../ui/cctv/wall.py" line="306" />
            <source>no live picture to save</source>
            <translation>沒有即時畫面可存證</translation>
        </message>
        <message>
            <location filename="../../ui/cctv/wall.py" line="309" />
            <source>evidence cannot be saved: no database</source>
            <translation>無法存證：沒有資料庫</translation>
        </message>
        <message>
            <location filename="../../ui/cctv/wall.py" line="314" />
            <source>the snapshot was not saved: %1</source>
            <translation>畫面未存證：%1</translation>
        </message>
        <message>
            <location filename="../../ui/cctv/wall.py" line="316" />
            <source>snapshot of %1 saved (%2…)</source>
            <translation>已存證 %1 的畫面（%2…）</translation>
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
            <location filename="../../ui/health/model.py" line="147" />
            <source>Feed</source>
            <translation>資料源</translation>
        </message>
        <message>
            <location filename="../../ui/health/model.py" line="147" />
            <source>State</source>
            <translation>狀態</translation>
        </message>
        <message>
            <location filename="../../ui/health/model.py" line="147" />
            <source>Events/s</source>
            <translation>事件/秒</translation>
        </message>
        <message>
            <location filename="../../ui/health/model.py" line="148" />
            <source>Last event</source>
            <translation>最後事件</translation>
        </message>
        <message>
            <location filename="../../ui/health/model.py" line="148" />
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <location filename="../../ui/health/model.py" line="167" />
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
        <message>
            <location filename="../../ui/health/reasons.py" line="31" />
            <source>waiting for a snapshot (first connection)</source>
            <translation>等待快照（首次連線）</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="34" />
            <source>waiting for a snapshot (the gateway no longer holds the events after the console's last one)</source>
            <translation>等待快照（閘道已不再保留監管台最後一筆之後的事件）</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="38" />
            <source>waiting for a snapshot (the gateway started a new numbering)</source>
            <translation>等待快照（閘道已重新編號）</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="41" />
            <source>resumed after event %1</source>
            <translation>自第 %1 筆事件後續接</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="43" />
            <source>state of %1 as of event %2</source>
            <translation>截至第 %2 筆事件的狀態：%1</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="45" />
            <source>the gateway closed the connection</source>
            <translation>閘道關閉了連線</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="47" />
            <source>the gateway is restarting</source>
            <translation>閘道正在重新啟動</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="49" />
            <source>the gateway refused a message from the console</source>
            <translation>閘道拒收監管台送出的訊息</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="51" />
            <source>the connection was lost</source>
            <translation>連線中斷</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="53" />
            <source>internal error, reconnecting</source>
            <translation>內部錯誤，正在重新連線</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="55" />
            <source>credentials rejected by the gateway (HTTP %1)</source>
            <translation>閘道拒絕憑證（HTTP %1）</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="57" />
            <source>access refused by the gateway (HTTP %1)</source>
            <translation>閘道拒絕存取（HTTP %1）</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="59" />
            <source>the gateway answered HTTP %1</source>
            <translation>閘道回應 HTTP %1</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="61" />
            <source>the gateway's certificate is not trusted</source>
            <translation>閘道的憑證不受信任</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="63" />
            <source>the gateway did not answer within %1 s</source>
            <translation>閘道在 %1 秒內未回應</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="65" />
            <source>the gateway refused the TLS connection: it may not accept this client certificate</source>
            <translation>閘道拒絕 TLS 連線：可能不接受本機的用戶端憑證</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="69" />
            <source>the gateway closed the TLS connection: it may require a client certificate</source>
            <translation>閘道關閉了 TLS 連線：可能需要用戶端憑證</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="73" />
            <source>cannot reach the gateway</source>
            <translation>無法連上閘道</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="75" />
            <source>the gateway is feed %1: resuming after its stored event %2</source>
            <translation>閘道即資料源 %1：自已儲存的第 %2 筆事件後續接</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="78" />
            <source>the gateway's certificate does not match the pinned fingerprint</source>
            <translation>閘道的憑證與釘選的指紋不符</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="81" />
            <source>the gateway sent no welcome within %1 s</source>
            <translation>閘道在 %1 秒內未送出歡迎訊息</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="83" />
            <location filename="../../ui/health/reasons.py" line="85" />
            <source>the gateway's welcome was unreadable</source>
            <translation>閘道的歡迎訊息無法讀取</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="87" />
            <source>the gateway did not start with a welcome</source>
            <translation>閘道未以歡迎訊息開始</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="89" />
            <source>credentials rejected (token missing, unknown or expired)</source>
            <translation>憑證遭拒（權杖缺少、不明或已過期）</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="92" />
            <source>address not registered for this token at the gateway</source>
            <translation>此位址未在閘道登記於這個權杖下</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="94" />
            <source>another session with station id %1 is connected; retrying slowly</source>
            <translation>已有另一個工作站代號 %1 的連線；將放慢重試</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="97" />
            <source>the gateway sent a frame that is not valid UTF-8</source>
            <translation>閘道送出的資料不是有效的 UTF-8</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="99" />
            <source>the gateway sent a message too large to read</source>
            <translation>閘道送出的訊息過大，無法讀取</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="102" />
            <source>nothing received for %1 s (heartbeat every %2 s): connection treated as dead</source>
            <translation>已 %1 秒未收到任何資料（心跳每 %2 秒）：視為連線中斷</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="106" />
            <source>events %1 missing for good</source>
            <translation>第 %1 筆事件已永久遺失</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="108" />
            <source>refusing to send the token to %1 over ws:// (unencrypted): use wss://</source>
            <translation>拒絕以未加密的 ws:// 將權杖送往 %1：請改用 wss://</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="111" />
            <source>the gateway claims events it cannot deliver</source>
            <translation>閘道宣稱有它無法提供的事件</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="113" />
            <source>now known as %1</source>
            <translation>現名為 %1</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="120" />
            <source>%1 containers</source>
            <translation>%1 個貨櫃</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="121" />
            <source>%1 vehicles</source>
            <translation>%1 輛車</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="122" />
            <source>%1 clearances</source>
            <translation>%1 筆通關</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="123" />
            <source>%1 devices</source>
            <translation>%1 台設備</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="124" />
            <source>an empty feed</source>
            <translation>空的資料源</translation>
        </message>
        <message>
            <location filename="../../ui/health/reasons.py" line="125" />
            <source>, </source>
            <translation>、</translation>
        </message>
    </context>
    <context>
        <name>FeedState</name>
        <message>
            <location filename="../../ui/health/model.py" line="42" />
            <source>connected</source>
            <translation>已連線</translation>
        </message>
        <message>
            <location filename="../../ui/health/model.py" line="43" />
            <source>resumed</source>
            <translation>已續接</translation>
        </message>
        <message>
            <location filename="../../ui/health/model.py" line="44" />
            <source>synced (snapshot)</source>
            <translation>已同步（快照）</translation>
        </message>
        <message>
            <location filename="../../ui/health/model.py" line="45" />
            <source>gap in data</source>
            <translation>資料缺漏</translation>
        </message>
        <message>
            <location filename="../../ui/health/model.py" line="46" />
            <source>stale</source>
            <translation>資料停滯</translation>
        </message>
        <message>
            <location filename="../../ui/health/model.py" line="47" />
            <source>disconnected</source>
            <translation>已斷線</translation>
        </message>
        <message>
            <location filename="../../ui/health/model.py" line="48" />
            <source>rejected</source>
            <translation>遭拒絕</translation>
        </message>
    </context>
    <context>
        <name>Field</name>
        <message>
            <location filename="../../ui/value_words.py" line="35" />
            <source>alert id</source>
            <translation>警示編號</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="36" />
            <source>raised at</source>
            <translation>發出時間</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="37" />
            <source>rule</source>
            <translation>規則</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="38" />
            <source>severity</source>
            <translation>嚴重度</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="39" />
            <source>subject</source>
            <translation>對象</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="40" />
            <source>state</source>
            <translation>狀態</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="41" />
            <source>cleared</source>
            <translation>已解除</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="42" />
            <source>cause</source>
            <translation>起因</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="43" />
            <source>handled by</source>
            <translation>處理人員</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="44" />
            <source>resolution</source>
            <translation>結案方式</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="45" />
            <source>seen on camera</source>
            <translation>攝影機已見</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="46" />
            <source>at</source>
            <translation>時間</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="47" />
            <source>action</source>
            <translation>動作</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="48" />
            <source>who</source>
            <translation>人員</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="49" />
            <source>station</source>
            <translation>工作站</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="50" />
            <source>why</source>
            <translation>原因</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="51" />
            <source>no.</source>
            <translation>序號</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="52" />
            <source>time</source>
            <translation>時間</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="53" />
            <source>kind</source>
            <translation>類別</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="54" />
            <source>type</source>
            <translation>事件</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="55" />
            <source>container</source>
            <translation>貨櫃</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="56" />
            <location filename="../../ui/value_words.py" line="88" />
            <source>vehicle</source>
            <translation>車輛</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="57" />
            <source>feed</source>
            <translation>資料源</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="58" />
            <source>id</source>
            <translation>編號</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="59" />
            <source>corrects</source>
            <translation>更正對象</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="60" />
            <source>detail</source>
            <translation>內容</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="61" />
            <source>officer</source>
            <translation>關員</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="62" />
            <source>acknowledged</source>
            <translation>確認</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="63" />
            <source>resolved</source>
            <translation>結案</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="64" />
            <source>comments</source>
            <translation>註記</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="65" />
            <source>other</source>
            <translation>其他</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="66" />
            <source>total</source>
            <translation>合計</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="67" />
            <source>shift (UTC+08:00)</source>
            <translation>班別（UTC+08:00）</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="68" />
            <source>raised</source>
            <translation>發出警示</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="69" />
            <source>actions</source>
            <translation>關員動作</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="70" />
            <source>officers</source>
            <translation>關員人數</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="71" />
            <source>event id</source>
            <translation>事件編號</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="72" />
            <source>classifier</source>
            <translation>性質</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="73" />
            <source>event type</source>
            <translation>事件類型</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="74" />
            <source>event time</source>
            <translation>事件時間</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="75" />
            <location filename="../../ui/value_words.py" line="144" />
            <source>container number</source>
            <translation>櫃號</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="76" />
            <source>created</source>
            <translation>建立時間</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="77" />
            <source>size-type</source>
            <translation>尺寸類型</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="78" />
            <source>laden / empty</source>
            <translation>重櫃／空櫃</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="79" />
            <source>seals</source>
            <translation>封條</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="80" />
            <source>vessel IMO</source>
            <translation>船舶 IMO</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="81" />
            <source>vessel</source>
            <translation>船名</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="82" />
            <source>voyage</source>
            <translation>航次</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="83" />
            <source>mode of transport</source>
            <translation>運輸方式</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="84" />
            <source>location</source>
            <translation>地點</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="85" />
            <source>UN/LOCODE</source>
            <translation>聯合國地點代碼</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="86" />
            <source>facility</source>
            <translation>設施</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="87" />
            <source>crane</source>
            <translation>橋式機</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="89" />
            <source>lane</source>
            <translation>車道</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="90" />
            <source>truck plate</source>
            <translation>車牌</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="91" />
            <source>position</source>
            <translation>位置</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="92" />
            <source>gross weight (kg)</source>
            <translation>總重（kg）</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="93" />
            <source>tare weight (kg)</source>
            <translation>空櫃重（kg）</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="94" />
            <source>OCR</source>
            <translation>OCR</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="95" />
            <source>confidence</source>
            <translation>信心度</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="96" />
            <source>seal numbers</source>
            <translation>封條號碼</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="97" />
            <source>pictures</source>
            <translation>影像</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="98" />
            <source>retracted</source>
            <translation>已撤回</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="99" />
            <source>message shape</source>
            <translation>訊息格式</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="100" />
            <source>status</source>
            <translation>狀態</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="101" />
            <source>status time</source>
            <translation>狀態時間</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="102" />
            <source>declaration</source>
            <translation>報單</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="103" />
            <source>bill of lading</source>
            <translation>提單</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="104" />
            <source>declared empty</source>
            <translation>申報空櫃</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="105" />
            <source>customs seals</source>
            <translation>海關封條</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="106" />
            <source>inspection</source>
            <translation>查驗</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="107" />
            <source>documents</source>
            <translation>文件</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="108" />
            <source>reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="109" />
            <source>device</source>
            <translation>設備</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="110" />
            <source>device type</source>
            <translation>設備類型</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="111" />
            <source>fence segment</source>
            <translation>圍籬區段</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="112" />
            <source>speed</source>
            <translation>速度</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="113" />
            <source>carrying</source>
            <translation>載運</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="114" />
            <source>vehicle type</source>
            <translation>車輛類型</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="115" />
            <source>x</source>
            <translation>東向座標</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="116" />
            <source>y</source>
            <translation>北向座標</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="117" />
            <source>heading</source>
            <translation>航向</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="118" />
            <source>zones</source>
            <translation>區域</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="119" />
            <source>stage</source>
            <translation>階段</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="120" />
            <source>our clearance</source>
            <translation>我方通關</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="121" />
            <source>the terminal says</source>
            <translation>碼頭所稱</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="122" />
            <source>terminal code</source>
            <translation>碼頭代碼</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="123" />
            <source>discharged at</source>
            <translation>卸船時間</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="124" />
            <source>stopped since</source>
            <translation>停止起始</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="125" />
            <source>where</source>
            <translation>地點</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="126" />
            <source>renamed</source>
            <translation>更名</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="127" />
            <source>clearance</source>
            <translation>通關</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="128" />
            <source>seals read</source>
            <translation>讀到的封條</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="129" />
            <source>reading</source>
            <translation>辨識</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="130" />
            <source>value</source>
            <translation>值</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="131" />
            <source>number</source>
            <translation>號碼</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="132" />
            <source>source</source>
            <translation>來源</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="133" />
            <source>placement</source>
            <translation>位置</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="134" />
            <source>camera</source>
            <translation>攝影機</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="135" />
            <source>frame time</source>
            <translation>影格時間</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="136" />
            <source>address</source>
            <translation>網址</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="137" />
            <source>movement</source>
            <translation>移動類型</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="138" />
            <source>facility type</source>
            <translation>設施類型</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="139" />
            <source>block</source>
            <translation>櫃區</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="140" />
            <source>bay</source>
            <translation>排</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="141" />
            <source>row</source>
            <translation>列</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="142" />
            <source>tier</source>
            <translation>層</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="143" />
            <source>berth</source>
            <translation>泊位</translation>
        </message>
    </context>
    <context>
        <name>HistoryWindow</name>
        <message>
            <location filename="../../ui/history/window.py" line="76" />
            <source>Yard Console — history review ({db})</source>
            <translation>智慧櫃場監管台 — 歷史查閱（{db}）</translation>
        </message>
        <message>
            <location filename="../../ui/history/window.py" line="98" />
            <source>container, truck plate, IMO, voyage, B/L, declaration, comment…</source>
            <translation>貨櫃、車牌、IMO、航次、提單、報單、註記…</translation>
        </message>
        <message>
            <location filename="../../ui/history/window.py" line="105" />
            <source>officer</source>
            <translation>關員</translation>
        </message>
        <message>
            <location filename="../../ui/history/window.py" line="116" />
            <source>finding the recorded period…</source>
            <translation>正在找出已記錄的期間…</translation>
        </message>
        <message>
            <location filename="../../ui/history/window.py" line="118" />
            <source>Search</source>
            <translation>搜尋</translation>
        </message>
        <message>
            <location filename="../../ui/history/window.py" line="122" />
            <source>from</source>
            <translation>起</translation>
        </message>
        <message>
            <location filename="../../ui/history/window.py" line="122" />
            <source>to</source>
            <translation>迄</translation>
        </message>
        <message>
            <location filename="../../ui/history/window.py" line="149" />
            <source>Alerts</source>
            <translation>警示</translation>
        </message>
        <message>
            <location filename="../../ui/history/window.py" line="150" />
            <source>Container</source>
            <translation>貨櫃</translation>
        </message>
        <message>
            <location filename="../../ui/history/window.py" line="151" />
            <source>Replay</source>
            <translation>重播</translation>
        </message>
        <message>
            <location filename="../../ui/history/window.py" line="152" />
            <source>KPIs</source>
            <translation>績效指標</translation>
        </message>
        <message>
            <location filename="../../ui/history/window.py" line="154" />
            <source>Export table (CSV)…</source>
            <translation>匯出表格（CSV）…</translation>
        </message>
        <message>
            <location filename="../../ui/history/window.py" line="156" />
            <source>Shift report (PDF)…</source>
            <translation>班別報告（PDF）…</translation>
        </message>
        <message>
            <location filename="../../ui/history/window.py" line="162" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../ui/history/window.py" line="254" />
            <source>Cancelled.</source>
            <translation>已取消。</translation>
        </message>
        <message>
            <location filename="../../ui/history/window.py" line="292" />
            <source>Ready.</source>
            <translation>就緒。</translation>
        </message>
        <message>
            <location filename="../../ui/history/window.py" line="299" />
            <source>{n} alerts</source>
            <translation>{n} 則警示</translation>
        </message>
        <message>
            <location filename="../../ui/history/window.py" line="315" />
            <source>{lane}: {message}</source>
            <translation>{lane}：{message}</translation>
        </message>
        <message>
            <location filename="../../ui/history/window.py" line="352" />
            <source>Export CSV</source>
            <translation>匯出 CSV</translation>
        </message>
        <message>
            <location filename="../../ui/history/window.py" line="357" />
            <source>Shift report</source>
            <translation>班別報告</translation>
        </message>
    </context>
    <context>
        <name>Inspector</name>
        <message>
            <location filename="../../ui/inspector/report.py" line="54" />
            <source>vehicle</source>
            <translation>車輛</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="56" />
            <source>lane</source>
            <translation>車道</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="57" />
            <source>berth</source>
            <translation>泊位</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="77" />
            <source>Not a valid ISO 6346 number.</source>
            <translation>不是有效的 ISO 6346 櫃號。</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="78" />
            <source>Possible readings:</source>
            <translation>可能的正確櫃號：</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="83" />
            <source>empty</source>
            <translation>空櫃</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="83" />
            <source>laden</source>
            <translation>重櫃</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="85" />
            <source>Customs status</source>
            <translation>通關狀態</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="87" />
            <source>Laden / empty</source>
            <translation>重櫃／空櫃</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="88" />
            <source>Size-type</source>
            <translation>尺寸類型</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="89" />
            <source>Slot (block/bay/row/tier)</source>
            <translation>櫃位（區／排／列／層）</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="93" />
            <source>Time</source>
            <translation>時間</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="93" />
            <location filename="../../ui/inspector/report.py" line="172" />
            <source>Event</source>
            <translation>事件</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="95" />
            <source>Clearance history</source>
            <translation>通關紀錄</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="97" />
            <source>Status</source>
            <translation>狀態</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="97" />
            <source>Declaration</source>
            <translation>報單號碼</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="98" />
            <source>Customs seals</source>
            <translation>海關封條</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="103" />
            <source>From the last snapshot; no change seen since.</source>
            <translation>取自最近一次快照；此後未見變更。</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="105" />
            <source>No clearance message: not on any manifest.</source>
            <translation>無通關訊息：未列於任何艙單。</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="107" />
            <source>Seals by source</source>
            <translation>封條（依來源）</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="112" />
            <source>declared</source>
            <translation>申報</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="116" />
            <source>Source</source>
            <translation>來源</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="116" />
            <source>Seal numbers</source>
            <translation>封條號碼</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="119" />
            <source>Weights</source>
            <translation>重量</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="123" />
            <source>Gross</source>
            <translation>總重</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="123" />
            <source>Tare</source>
            <translation>空重</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="126" />
            <source>OCR readings</source>
            <translation>OCR 辨識</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="128" />
            <source>Recorded</source>
            <translation>登錄櫃號</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="128" />
            <source>OCR read</source>
            <translation>OCR 讀值</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="129" />
            <source>Confidence</source>
            <translation>信心度</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="132" />
            <source>Event timeline</source>
            <translation>事件時間軸</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="134" />
            <source>Where</source>
            <translation>位置</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="135" />
            <source>Vehicle / lane</source>
            <translation>車輛／車道</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="142" />
            <source>No events seen in this session.</source>
            <translation>本次執行尚未收到事件。</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="165" />
            <source>cleared</source>
            <translation>已解除</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="167" />
            <source>Subject</source>
            <translation>對象</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="168" />
            <source>State</source>
            <translation>狀態</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="169" />
            <source>Raised at (feed time)</source>
            <translation>發出時間（資料源時鐘）</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="171" />
            <source>Feed</source>
            <translation>資料源</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="173" />
            <source>Repeats</source>
            <translation>重複次數</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="175" />
            <source>Evidence</source>
            <translation>證據</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="183" />
            <source>The event that raised it</source>
            <translation>觸發事件</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="184" />
            <source>no. %1</source>
            <translation>第 %1 筆</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="189" />
            <source>The raising event is not in this session.</source>
            <translation>觸發事件不在本次執行的紀錄中。</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="190" />
            <source>History</source>
            <translation>處理紀錄</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="191" />
            <source>When</source>
            <translation>時間</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="191" />
            <source>Action</source>
            <translation>動作</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="192" />
            <source>Who</source>
            <translation>人員</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="192" />
            <source>Why</source>
            <translation>原因</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="214" />
            <source>No position yet.</source>
            <translation>尚無位置。</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="216" />
            <source>Type</source>
            <translation>類型</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="217" />
            <source>Position (m)</source>
            <translation>位置（公尺）</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="218" />
            <source>Speed</source>
            <translation>速度</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="219" />
            <source>Heading</source>
            <translation>航向</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="220" />
            <source>Carrying</source>
            <translation>載運</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="221" />
            <source>nothing</source>
            <translation>無</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" />
            <source>Vessel call</source>
            <translation>船舶靠泊</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" />
            <source>Vessel %1: no arrival or departure reported.</source>
            <translation>船舶 %1：未報告抵港或離港。</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" />
            <source>Vessel</source>
            <translation>船舶</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" />
            <source>IMO</source>
            <translation>IMO 編號</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" />
            <source>Voyage</source>
            <translation>航次</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" />
            <source>Discharged / loaded</source>
            <translation>卸船 / 裝船</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" />
            <source>Berth %1</source>
            <translation>泊位 %1</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" />
            <source>No vessel call reported at this berth.</source>
            <translation>此泊位未報告船舶靠泊。</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" />
            <source>From the terminal's DCSA transport events (ARRI, DEPA) and its moves.</source>
            <translation>資料來自碼頭的 DCSA 運輸事件（ARRI、DEPA）及其裝卸作業。</translation>
        </message>
        <message>
            <location filename="../../ui/inspector/report.py" line="193" />
            <source>%1 changes in between are not shown here; the history window has them.</source>
            <translation>中間另有 %1 筆變更未在此顯示；歷史視窗中可查閱。</translation>
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
            <location filename="../../ui/mainwindow.py" line="254" />
            <source>Yard Console — customs supervision</source>
            <translation>智慧櫃場監管台 — 海關監管</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="257" />
            <source>Alerts</source>
            <translation>警示</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="256" />
            <location filename="../../ui/mainwindow.py" line="257" />
            <source>Inspector</source>
            <translation>詳細資料</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="258" />
            <source>Feed health</source>
            <translation>資料源狀態</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="258" />
            <source>CCTV wall</source>
            <translation>監視牆</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="259" />
            <source>Legend</source>
            <translation>圖例</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="262" />
            <source>Main toolbar</source>
            <translation>主工具列</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="263" />
            <source>Map layers</source>
            <translation>地圖圖層</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="282" />
            <source>Show or hide map layers</source>
            <translation>顯示或隱藏地圖圖層</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="265" />
            <source>Keyboard shortcuts</source>
            <translation>鍵盤快速鍵</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="265" />
            <source>Find container</source>
            <translation>搜尋貨櫃</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="266" />
            <source>Focus the map</source>
            <translation>移至地圖</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="267" />
            <source>Focus the alert queue</source>
            <translation>移至警示佇列</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="268" />
            <source>Focus the inspector</source>
            <translation>移至詳細資料</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="273" />
            <source>Whole terminal</source>
            <translation>全場</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="274" />
            <source>Go to the announced alert</source>
            <translation>前往通報的警示</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="275" />
            <source>Dismiss the announcement</source>
            <translation>關閉通報</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="276" />
            <source>Mute alarm sound</source>
            <translation>警報靜音</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="277" />
            <source>中文 / English</source>
            <translation>中文 / English</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="279" />
            <source>Zones</source>
            <translation>區域</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="279" />
            <source>Containers</source>
            <translation>貨櫃</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="280" />
            <source>Vehicles</source>
            <translation>車輛</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="280" />
            <source>Cranes</source>
            <translation>起重機</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="281" />
            <source>Fence</source>
            <translation>圍籬</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="281" />
            <source>Alert markers</source>
            <translation>警示標記</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="282" />
            <source>Labels</source>
            <translation>標籤</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="288" />
            <source>CCTV wall: no cameras connected</source>
            <translation>監視牆：未連接攝影機</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="321" />
            <source>Storage problem: %1</source>
            <translation>儲存問題：%1</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="327" />
            <source>Internal error logged (the console keeps running): %1</source>
            <translation>已記錄內部錯誤（監管台持續運作）：%1</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="333" />
            <source>(F8 to go there)</source>
            <translation>（按 F8 前往）</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="345" />
            <source>No container matches %1</source>
            <translation>找不到符合 %1 的貨櫃</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="355" />
            <source>Feeds: %1 of %2 healthy</source>
            <translation>資料源：%2 個中 %1 個正常</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="365" />
            <source>Containers in yard: %1</source>
            <translation>場內貨櫃：%1</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="255" />
            <source>Handle alert</source>
            <translation>處理警報</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="269" />
            <source>Handle the selected alert</source>
            <translation>處理所選警報</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="270" />
            <source>Sign in / unlock</source>
            <translation>登入／解鎖</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="271" />
            <source>Lock the console</source>
            <translation>鎖定監管台</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="272" />
            <source>History review</source>
            <translation>歷史查閱</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="420" />
            <source>Actions are not available in this window</source>
            <translation>此視窗無法執行操作</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" line="278" />
            <source>Desk layout for this screen</source>
            <translation>此螢幕的桌面配置</translation>
        </message>
    </context>
    <context>
        <name>OcrFrames</name>
        <message>
            <location filename="../../ui/operations/ocr_frames.py" line="53" />
            <source>the frame's address is not a web address</source>
            <translation>畫面位址不是網址</translation>
        </message>
        <message>
            <location filename="../../ui/operations/ocr_frames.py" line="62" />
            <source>the camera system did not give the frame (%1)</source>
            <translation>攝影機系統未提供畫面（%1）</translation>
        </message>
        <message>
            <location filename="../../ui/operations/ocr_frames.py" line="66" />
            <source>the camera system sent no usable frame</source>
            <translation>攝影機系統送來的畫面無法使用</translation>
        </message>
        <message>
            <location filename="../../ui/operations/ocr_frames.py" line="74" />
            <source>the frame could not be kept (%1)</source>
            <translation>畫面無法保存（%1）</translation>
        </message>
    </context>
    <context>
        <name>OperationsPanel</name>
        <message>
            <location filename="../../ui/operations/panel.py" line="187" />
            <source>Accept (Enter)</source>
            <translation>採用（Enter）</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="188" />
            <source>Escalate</source>
            <translation>呈報</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="189" />
            <source>Reopen</source>
            <translation>重新開啟</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="190" />
            <source>Comment (optional; the reason is recorded)</source>
            <translation>備註（選填；理由將被記錄）</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="255" />
            <source>Read only: no officer desk</source>
            <translation>唯讀：無關員作業台</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="257" />
            <source>Not signed in: alerts are read only</source>
            <translation>尚未登入：警報僅供檢視</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="259" />
            <source>Locked (%1): sign in again to act</source>
            <translation>已鎖定（%1）：請重新登入以執行操作</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="265" />
            <source>%1 (%2) at station %3</source>
            <translation>%1（%2），工作站 %3</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="268" />
            <source>DEMO account, automatically signed in: %1</source>
            <translation>示範帳號，已自動登入：%1</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="269" />
            <source>password: %1</source>
            <translation>密碼：%1</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="271" />
            <source>Unlock…</source>
            <translation>解鎖…</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="272" />
            <source>Sign in…</source>
            <translation>登入…</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="277" />
            <source>Select an alert in the queue</source>
            <translation>請在警報佇列中選擇一則警報</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="288" />
            <source>Escalated: a supervisor handles this alert.</source>
            <translation>已呈報：此警報由主管處理。</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="299" />
            <source>Only a supervisor may reopen an alert</source>
            <translation>只有主管可以重新開啟警報</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="315" />
            <source>The terminal rejected the correction: %1</source>
            <translation>碼頭拒絕了更正：%1</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="319" />
            <source>The terminal accepted the correction; the alert is resolved.</source>
            <translation>碼頭已接受更正；警報已結案。</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="343" />
            <location filename="../../ui/operations/panel.py" line="374" />
            <source>Sign in to act on alerts.</source>
            <translation>請登入以處理警報。</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="415" />
            <source>Not done: %1</source>
            <translation>未執行：%1</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="398" />
            <source>Correction sent to the terminal; waiting for its answer.</source>
            <translation>更正已送至碼頭；等待回覆。</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="418" />
            <source>Acknowledged.</source>
            <translation>已確認。</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="418" />
            <source>Escalated.</source>
            <translation>已呈報。</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="419" />
            <source>Reopened.</source>
            <translation>已重新開啟。</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="419" />
            <source>Resolved.</source>
            <translation>已結案。</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="263" />
            <source>officer</source>
            <translation>關員</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="263" />
            <source>supervisor</source>
            <translation>主管</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="264" />
            <source>installer</source>
            <translation>安裝人員</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="401" />
            <source>(%1 alerts of the group)</source>
            <translation>（此群組共 %1 則警報）</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="411" />
            <source>Not done: the alert is %1 now; the proposals are updated.</source>
            <translation>未執行：此警報目前為%1；建議已更新。</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="414" />
            <source>Not done: this alert is no longer in the console.</source>
            <translation>未執行：此警報已不在監管台中。</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="346" />
            <source>Nothing to propose for this alert in its present state.</source>
            <translation>此警報目前的狀態沒有可建議的處理。</translation>
        </message>
        <message>
            <location filename="../../ui/operations/panel.py" line="350" />
            <source>Read the case first: Enter acts once the case has been on screen for a second.</source>
            <translation>請先閱讀案件：案件顯示一秒後，Enter 才會執行。</translation>
        </message>
        <message>
            <location filename="../work/main/ui/operations/panel.py" line="360" />
            <source>Not stored: %1. The alert is shown as the database holds it.</source>
            <translation>未能儲存：%1。警報依資料庫所存內容顯示。</translation>
        </message>
    </context>
    <context>
        <name>ReplayPanel</name>
        <message>
            <location filename="../../ui/history/replay_panel.py" line="71" />
            <location filename="../../ui/history/replay_panel.py" line="155" />
            <source>Play</source>
            <translation>播放</translation>
        </message>
        <message>
            <location filename="../../ui/history/replay_panel.py" line="92" />
            <source>Open alerts at that moment</source>
            <translation>該時刻的未結警示</translation>
        </message>
        <message>
            <location filename="../../ui/history/replay_panel.py" line="135" />
            <source>{c} containers, {v} vehicles; {ms:.0f} ms</source>
            <translation>{c} 個貨櫃、{v} 輛車；{ms:.0f} 毫秒</translation>
        </message>
        <message>
            <location filename="../../ui/history/replay_panel.py" line="155" />
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
        <name>ShiftReport</name>
        <message>
            <location filename="../../ui/history/report_words.py" line="20" />
            <source>page %1</source>
            <translation>第 %1 頁</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="21" />
            <source>%1 to %2 (terminal time, UTC+08:00); generated %3; %4</source>
            <translation>%1 至 %2（碼頭時間 UTC+08:00）；產生於 %3；%4</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="22" />
            <source>%1 s</source>
            <translation>%1 秒</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="23" />
            <source>Figure</source>
            <translation>項目</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="24" />
            <source>Value</source>
            <translation>數值</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="25" />
            <source>Alerts raised</source>
            <translation>發出警示</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="26" />
            <source>By severity</source>
            <translation>依嚴重度</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="27" />
            <source>Resolved</source>
            <translation>已結案</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="28" />
            <source>Median time to acknowledge</source>
            <translation>確認時間中位數</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="29" />
            <source>Median time to resolve</source>
            <translation>結案時間中位數</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="30" />
            <source>90th percentile time to resolve</source>
            <translation>結案時間第 90 百分位</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="31" />
            <source>Overdue alerts</source>
            <translation>逾時警示</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="32" />
            <source>10-minute windows in flood</source>
            <translation>警示氾濫的 10 分鐘區間</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="33" />
            <source>Peak alerts in 10 minutes</source>
            <translation>10 分鐘內警示最高數</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="34" />
            <source>Time to acknowledge</source>
            <translation>確認所需時間</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="35" />
            <source>Time to resolve</source>
            <translation>結案所需時間</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="36" />
            <source>Acknowledged within %1 min</source>
            <translation>%1 分鐘內確認</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="37" />
            <source>Resolved within %1 min</source>
            <translation>%1 分鐘內結案</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="38" />
            <source>%1 of %2</source>
            <translation>%2 中的 %1</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="39" />
            <source>Rule</source>
            <translation>規則</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="40" />
            <source>Alerts</source>
            <translation>警示</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="41" />
            <source>Alerts by rule</source>
            <translation>依規則統計警示</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="42" />
            <source>Officer</source>
            <translation>關員</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="43" />
            <source>Acknowledged</source>
            <translation>確認</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="44" />
            <source>Comments</source>
            <translation>註記</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="45" />
            <source>Other</source>
            <translation>其他</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="46" />
            <source>Total</source>
            <translation>合計</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="47" />
            <source>Shift (terminal time)</source>
            <translation>班別（碼頭時間）</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="48" />
            <source>Officer actions</source>
            <translation>關員動作</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="49" />
            <source>Officers</source>
            <translation>關員人數</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="50" />
            <source>Workload per officer</source>
            <translation>各關員工作量</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="51" />
            <source>Workload per shift</source>
            <translation>各班別工作量</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="52" />
            <source>, </source>
            <translation>、</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="53" />
            <source>Audit trail when this report was made: %1 entries, head %2. Check it later with the command below.</source>
            <translation>製作本報告時的稽核軌跡：共 %1 筆，末筆雜湊 %2。日後可用下列指令核對。</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="56" />
            <source>No alert missed the target in this period.</source>
            <translation>本期間沒有警示超過目標時間。</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="57" />
            <source>When (console)</source>
            <translation>時間（監管台）</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="58" />
            <source>Action</source>
            <translation>動作</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="59" />
            <source>Who</source>
            <translation>人員</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="60" />
            <source>Station</source>
            <translation>工作站</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="61" />
            <source>Why</source>
            <translation>原因</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="62" />
            <source>%1 (%2) — %3 — raised %4 — %5</source>
            <translation>%1（%2）— %3 — 發出於 %4 — %5</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="63" />
            <source>Time (feed)</source>
            <translation>時間（資料源）</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="64" />
            <source>Kind</source>
            <translation>類別</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="65" />
            <source>Type</source>
            <translation>事件</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="66" />
            <source>Detail</source>
            <translation>內容</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="67" />
            <source>Alerts per hour, by severity</source>
            <translation>每小時警示數（依嚴重度）</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="68" />
            <source>no data</source>
            <translation>無資料</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="69" />
            <source>Alarm rate per 10 minutes (ISA-18.2 flood: more than 10)</source>
            <translation>每 10 分鐘警示數（ISA-18.2 氾濫：超過 10）</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="70" />
            <source>target %1 min</source>
            <translation>目標 %1 分鐘</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="71" />
            <source>%1 of %2 within target</source>
            <translation>%2 件中 %1 件在目標內</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="72" />
            <source>the raising of this alert was not recorded</source>
            <translation>此警示的發出未被記錄</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="73" />
            <source>%1 min %2 s</source>
            <translation>%1 分 %2 秒</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="74" />
            <source>never acknowledged</source>
            <translation>從未確認</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="75" />
            <source>escalated</source>
            <translation>曾陳報</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="76" />
            <source>shelved at some point</source>
            <translation>曾被擱置</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="77" />
            <source>; </source>
            <translation>；</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="78" />
            <source>acknowledged after %1 by %2</source>
            <translation>%1 後由 %2 確認</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="79" />
            <source>still %1</source>
            <translation>仍為%1</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="80" />
            <source>resolved after %1 by %2 (%3 over the target)</source>
            <translation>%1 後由 %2 結案（超過目標 %3）</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="81" />
            <source>Summary</source>
            <translation>摘要</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="82" />
            <source>Charts</source>
            <translation>圖表</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="83" />
            <source>Rate and workload</source>
            <translation>警示率與工作量</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="84" />
            <source>Shift report</source>
            <translation>班別報告</translation>
        </message>
        <message>
            <location filename="../../ui/history/report_words.py" line="85" />
            <source>智慧櫃場監管台 Yard Console</source>
            <translation>智慧櫃場監管台</translation>
        </message>
    </context>
    <context>
        <name>ShortcutOverlay</name>
        <message>
            <source>Pan the map</source>
            <translation>平移地圖</translation>
        </message>
        <message>
            <source>Zoom the map</source>
            <translation>縮放地圖</translation>
        </message>
        <message>
            <source>Whole terminal</source>
            <translation>全場</translation>
        </message>
        <message>
            <source>Go to the selected alert</source>
            <translation>前往選取的警示</translation>
        </message>
        <message>
            <location filename="../../ui/help_overlay.py" line="75" />
            <source>Keyboard shortcuts</source>
            <translation>鍵盤快速鍵</translation>
        </message>
        <message>
            <location filename="../../ui/help_overlay.py" line="20" />
            <source>Back: from the case to the queue; in the queue, clear the selection</source>
            <translation>返回：從案件回到佇列；在佇列中則取消選取</translation>
        </message>
        <message>
            <location filename="../../ui/help_overlay.py" line="23" />
            <source>Case (Ctrl+4): choose another proposal and accept it</source>
            <translation>案件（Ctrl+4）：選擇其他建議並採用</translation>
        </message>
        <message>
            <location filename="../../ui/help_overlay.py" line="25" />
            <source>Map: pan</source>
            <translation>地圖：平移</translation>
        </message>
        <message>
            <location filename="../../ui/help_overlay.py" line="27" />
            <source>Map: whole terminal</source>
            <translation>地圖：全場</translation>
        </message>
        <message>
            <location filename="../../ui/help_overlay.py" line="26" />
            <source>Map: zoom</source>
            <translation>地圖：縮放</translation>
        </message>
        <message>
            <location filename="../../ui/help_overlay.py" line="18" />
            <source>Queue: accept the proposal for the selected alert</source>
            <translation>佇列：採用所選警報的建議處理</translation>
        </message>
        <message>
            <location filename="../../ui/help_overlay.py" line="17" />
            <source>Queue: select the previous / next alert</source>
            <translation>佇列：選取上一則／下一則警報</translation>
        </message>
    </context>
    <context>
        <name>SignInDialog</name>
        <message>
            <location filename="../../ui/operations/sign_in_dialog.py" line="42" />
            <source>Sign in</source>
            <translation>登入</translation>
        </message>
        <message>
            <location filename="../../ui/operations/sign_in_dialog.py" line="43" />
            <source>Sign in at station %1 to act on alerts. The alert queue and the map stay visible without signing in.</source>
            <translation>請在工作站 %1 登入以處理警報。未登入時仍可檢視警報佇列與地圖。</translation>
        </message>
        <message>
            <location filename="../../ui/operations/sign_in_dialog.py" line="46" />
            <source>Officer name</source>
            <translation>關員帳號</translation>
        </message>
        <message>
            <location filename="../../ui/operations/sign_in_dialog.py" line="47" />
            <source>Password</source>
            <translation>密碼</translation>
        </message>
        <message>
            <location filename="../../ui/operations/sign_in_dialog.py" line="53" />
            <source>No officer account exists on this console. An installer creates one with: %1</source>
            <translation>此監管台尚無關員帳號。請安裝人員以下列指令建立：%1</translation>
        </message>
        <message>
            <location filename="../../ui/operations/sign_in_dialog.py" line="67" />
            <source>Give your officer name.</source>
            <translation>請輸入關員帳號。</translation>
        </message>
        <message>
            <location filename="../../ui/operations/sign_in_dialog.py" line="48" />
            <source>Signing in…</source>
            <translation>登入中…</translation>
        </message>
        <message>
            <location filename="../../ui/operations/sign_in_dialog.py" line="53" />
            <source>Not signed in: %1</source>
            <translation>未能登入：%1</translation>
        </message>
    </context>
    <context>
        <name>SignInRefusal</name>
        <message>
            <location filename="../../ui/operations/refusal_words.py" line="20" />
            <source>unknown name or wrong password</source>
            <translation>帳號不存在或密碼錯誤</translation>
        </message>
        <message>
            <location filename="../../ui/operations/refusal_words.py" line="23" />
            <source>%1 wrong passwords in a row; try again after %2, or ask an installer</source>
            <translation>已連續 %1 次密碼錯誤；請於 %2 後再試，或洽系統安裝人員</translation>
        </message>
        <message>
            <location filename="../../ui/operations/refusal_words.py" line="29" />
            <source>This account's record was changed outside the console: it cannot sign in until an installer restores it (users passwd).</source>
            <translation>此帳號的紀錄曾在監管台之外被更改：須由系統安裝人員復原（users passwd）後才能登入。</translation>
        </message>
        <message>
            <location filename="../../ui/operations/refusal_words.py" line="33" />
            <source>this account is disabled; ask an installer</source>
            <translation>此帳號已停用；請洽系統安裝人員</translation>
        </message>
        <message>
            <location filename="../../ui/operations/refusal_words.py" line="36" />
            <source>this account's role changed; sign in again</source>
            <translation>此帳號的角色已變更；請重新登入</translation>
        </message>
        <message>
            <location filename="../../ui/operations/refusal_words.py" line="39" />
            <source>nobody is signed in</source>
            <translation>目前無人登入</translation>
        </message>
    </context>
    <context>
        <name>UnlockDialog</name>
        <message>
            <location filename="../../ui/operations/unlock_dialog.py" line="40" />
            <source>Console locked</source>
            <translation>監管台已鎖定</translation>
        </message>
        <message>
            <location filename="../../ui/operations/unlock_dialog.py" line="43" />
            <source>The console is locked. Alerts stay visible and audible; %1, give your password to act again.</source>
            <translation>監管台已鎖定。警報仍會顯示並發出聲響；%1，請輸入密碼以繼續操作。</translation>
        </message>
        <message>
            <location filename="../../ui/operations/unlock_dialog.py" line="45" />
            <source>Password</source>
            <translation>密碼</translation>
        </message>
        <message>
            <location filename="../../ui/operations/unlock_dialog.py" line="46" />
            <source>Another officer…</source>
            <translation>其他關員…</translation>
        </message>
        <message>
            <location filename="../../ui/operations/unlock_dialog.py" line="46" />
            <source>Checking the password…</source>
            <translation>正在核對密碼…</translation>
        </message>
        <message>
            <location filename="../../ui/operations/unlock_dialog.py" line="51" />
            <source>Not unlocked: %1</source>
            <translation>未能解鎖：%1</translation>
        </message>
    </context>
    <context>
        <name>Value</name>
        <message>
            <location filename="../../ui/value_words.py" line="149" />
            <source>raise</source>
            <translation>發出</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="150" />
            <source>repeat</source>
            <translation>重複</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="151" />
            <source>clear</source>
            <translation>解除</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="152" />
            <source>acknowledge</source>
            <translation>確認</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="153" />
            <source>resolve</source>
            <translation>結案</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="154" />
            <source>shelve</source>
            <translation>擱置</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="155" />
            <source>unshelve</source>
            <translation>取消擱置</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="156" />
            <source>escalate</source>
            <translation>陳報</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="157" />
            <source>comment</source>
            <translation>註記</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="158" />
            <source>reopen</source>
            <translation>重新開啟</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="161" />
            <source>corrected</source>
            <translation>已更正</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="162" />
            <source>confirmed violation</source>
            <translation>確認違規</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="163" />
            <source>false alarm</source>
            <translation>誤報</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="164" />
            <source>duplicate</source>
            <translation>重複</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="165" />
            <source>cleared</source>
            <translation>已解除</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="168" />
            <source>equipment</source>
            <translation>作業事件</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="169" />
            <source>clearance</source>
            <translation>通關</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="170" />
            <source>position</source>
            <translation>位置</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="171" />
            <source>fence</source>
            <translation>圍籬</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="172" />
            <source>device</source>
            <translation>設備</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="173" />
            <source>transport</source>
            <translation>運輸</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="174" />
            <source>shipment</source>
            <translation>託運</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="175" />
            <source>IoT</source>
            <translation>物聯網</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="176" />
            <source>reefer</source>
            <translation>冷藏櫃</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="177" />
            <source>layout</source>
            <translation>場區配置</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="180" />
            <source>gate-in</source>
            <translation>進閘</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="181" />
            <source>gate-out</source>
            <translation>出閘</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="182" />
            <source>discharged</source>
            <translation>卸船</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="183" />
            <source>loaded</source>
            <translation>裝船</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="184" />
            <source>picked</source>
            <translation>提櫃</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="185" />
            <source>dropped</source>
            <translation>落櫃</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="186" />
            <source>stuffed</source>
            <translation>裝櫃</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="187" />
            <source>stripped</source>
            <translation>拆櫃</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="188" />
            <source>inspected</source>
            <translation>已查驗</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="189" />
            <source>resealed</source>
            <translation>重新加封</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="190" />
            <source>seal removed</source>
            <translation>封條已拆</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="191" />
            <source>arrived</source>
            <translation>抵達</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="192" />
            <source>departed</source>
            <translation>離開</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="193" />
            <source>actual</source>
            <translation>實際</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="194" />
            <source>planned</source>
            <translation>計畫</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="195" />
            <source>estimated</source>
            <translation>預估</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="196" />
            <source>empty</source>
            <translation>空櫃</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="197" />
            <source>laden</source>
            <translation>重櫃</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="198" />
            <source>pending</source>
            <translation>待審</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="199" />
            <source>released</source>
            <translation>已放行</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="200" />
            <source>hold</source>
            <translation>扣留</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="201" />
            <source>inspect</source>
            <translation>查驗</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="202" />
            <source>alarm</source>
            <translation>警報</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="203" />
            <source>up</source>
            <translation>正常</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="204" />
            <source>degraded</source>
            <translation>降級</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="205" />
            <source>down</source>
            <translation>故障</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="206" />
            <source>system</source>
            <translation>系統</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="207" />
            <source>slot</source>
            <translation>櫃位</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="208" />
            <source>vehicle</source>
            <translation>車輛</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="209" />
            <source>lane</source>
            <translation>車道</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="210" />
            <source>camera</source>
            <translation>攝影機</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="211" />
            <source>customs</source>
            <translation>海關</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="212" />
            <source>shipper</source>
            <translation>貨主</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="213" />
            <source>carrier</source>
            <translation>運送人</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="214" />
            <source>terminal</source>
            <translation>碼頭</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="215" />
            <source>veterinary</source>
            <translation>檢疫</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="216" />
            <source>bolt</source>
            <translation>螺栓封</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="217" />
            <source>cable</source>
            <translation>鋼纜封</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="218" />
            <source>wire</source>
            <translation>鐵線封</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="219" />
            <source>door</source>
            <translation>櫃門</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="220" />
            <source>vent</source>
            <translation>通風口</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="221" />
            <source>import</source>
            <translation>進口</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="222" />
            <source>export</source>
            <translation>出口</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="223" />
            <source>transshipment</source>
            <translation>轉運</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="224" />
            <source>truck</source>
            <translation>卡車</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="225" />
            <source>vessel</source>
            <translation>船舶</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="226" />
            <source>rail</source>
            <translation>鐵路</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="227" />
            <source>barge</source>
            <translation>駁船</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="228" />
            <source>multimodal</source>
            <translation>複合運輸</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="229" />
            <source>container number</source>
            <translation>櫃號</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="230" />
            <source>seal number</source>
            <translation>封條號碼</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="258" />
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="260" />
            <source>no</source>
            <translation>否</translation>
        </message>
        <message>
            <location filename="../../ui/value_words.py" line="269" />
            <source>, </source>
            <translation>、</translation>
        </message>
    </context>
    <context>
        <name>YardLegend</name>
        <message>
            <location filename="../../ui/yard/legend.py" line="18" />
            <source>empty slot</source>
            <translation>空櫃位</translation>
        </message>
        <message>
            <location filename="../../ui/yard/legend.py" line="19" />
            <source>released</source>
            <translation>已放行</translation>
        </message>
        <message>
            <location filename="../../ui/yard/legend.py" line="20" />
            <source>pending</source>
            <translation>待審核</translation>
        </message>
        <message>
            <location filename="../../ui/yard/legend.py" line="21" />
            <source>not on manifest</source>
            <translation>未列艙單</translation>
        </message>
        <message>
            <location filename="../../ui/yard/legend.py" line="22" />
            <source>inspect</source>
            <translation>查驗</translation>
        </message>
        <message>
            <location filename="../../ui/yard/legend.py" line="23" />
            <source>hold</source>
            <translation>扣留</translation>
        </message>
        <message>
            <location filename="../../ui/yard/legend.py" line="41" />
            <source>paler = empty container</source>
            <translation>較淡＝空櫃</translation>
        </message>
        <message>
            <location filename="../../ui/yard/legend.py" line="42" />
            <source>brighter = taller stack</source>
            <translation>較亮＝堆疊較高</translation>
        </message>
        <message>
            <location filename="../../ui/yard/legend.py" line="43" />
            <source>clearance not yet known</source>
            <translation>通關狀態尚未得知</translation>
        </message>
        <message>
            <location filename="../../ui/yard/legend.py" line="45" />
            <source>vehicle, filled = its cargo</source>
            <translation>車輛（填色＝所載貨櫃）</translation>
        </message>
        <message>
            <location filename="../../ui/yard/legend.py" line="46" />
            <source>vehicle, empty</source>
            <translation>車輛（空車）</translation>
        </message>
        <message>
            <location filename="../../ui/yard/legend.py" line="48" />
            <source>fence in alarm</source>
            <translation>圍籬警報</translation>
        </message>
        <message>
            <location filename="../../ui/yard/legend.py" line="47" />
            <source>crane</source>
            <translation>起重機</translation>
        </message>
    </context>
    <context>
        <name>YardMap</name>
        <message>
            <location filename="../../ui/yard/map_widget.py" line="182" />
            <location filename="../../ui/yard/map_widget.py" line="194" />
            <source>empty</source>
            <translation>空櫃</translation>
        </message>
        <message>
            <location filename="../../ui/yard/map_widget.py" line="183" />
            <source>Vehicle %1 · %2 m/s · carrying %3</source>
            <translation>車輛 %1 · %2 公尺/秒 · 載運 %3</translation>
        </message>
        <message>
            <location filename="../../ui/yard/map_widget.py" line="189" />
            <source>Block %1 bay %2 row %3</source>
            <translation>%1 區 第 %2 排 第 %3 列</translation>
        </message>
        <message>
            <location filename="../../ui/yard/map_widget.py" line="194" />
            <source>laden</source>
            <translation>重櫃</translation>
        </message>
        <message>
            <location filename="../../ui/yard/map_widget.py" line="333" />
            <source>STALE FEED — greyed layers may be out of date</source>
            <translation>資料停滯 — 灰色圖層可能已過時</translation>
        </message>
    </context>
    <context>
        <name>Berths</name>
        <message>
            <location filename="../../ui/yard/berths.py" />
            <source>alongside since %1</source>
            <translation>靠泊中，自 %1 起</translation>
        </message>
        <message>
            <location filename="../../ui/yard/berths.py" />
            <source>sailed %1</source>
            <translation>已於 %1 離港</translation>
        </message>
        <message>
            <location filename="../../ui/yard/berths.py" />
            <source>Berth %1</source>
            <translation>泊位 %1</translation>
        </message>
        <message>
            <location filename="../../ui/yard/berths.py" />
            <source>no vessel call reported</source>
            <translation>未報告船舶靠泊</translation>
        </message>
    </context>
</TS>
