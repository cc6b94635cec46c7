//! The shape of every object the JavaScript API reads: its keys, declared once.
//!
//! The browser edge reads arguments and options by hand (`web::convert::Obj`), refusing keys it
//! does not know; it takes the key lists from here. Each shape names the TypeScript interface
//! that declares it, and a native test (`tests/shapes.rs`) checks that the interface's members
//! are exactly these keys, as `tests/error_codes.rs` does for the error codes. So an argument
//! shape is spelled in Rust once, in TypeScript once, and the two cannot drift.

/// An object the JavaScript API reads.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// The TypeScript interface that declares it.
    pub ts: &'static str,
    /// Its keys, in the documented order.
    pub keys: &'static [&'static str],
}

macro_rules! shapes {
    ($( $(#[$doc:meta])* $name:ident = $ts:literal [$($key:literal),* $(,)?] ;)*) => {
        $( $(#[$doc])* pub const $name: Shape = Shape { ts: $ts, keys: &[$($key),*] }; )*
        /// Every shape.
        pub const ALL: &[Shape] = &[$($name),*];
    };
}

shapes! {
    /// The last argument of every async method.
    CALL_OPTIONS = "CallOptions" ["signal", "timeoutMs"];
    /// The last argument of `on`.
    LISTEN_OPTIONS = "ListenOptions" ["signal", "once"];
    /// `new PortalChannel(options)`.
    PORTAL_CHANNEL_OPTIONS = "PortalChannelSettings"
        ["portalOrigins", "target", "allowAnyOrigin", "timeoutMs", "quarantineMs", "log", "debug"];
    /// `call(args)`.
    CALL_ARGS = "CallArgs" ["campaign", "callerid", "destination"];
    /// `callWithPhone(args)`.
    CALL_WITH_PHONE_ARGS = "CallWithPhoneArgs" ["destination", "campaign"];
    /// `tag(args)`.
    TAG_ARGS = "TagArgs" ["guid", "message"];
    /// `sms(args)`.
    SMS_ARGS = "SmsArgs" ["campaign", "message", "destination"];
    /// `decodeCti(input, options)`, `Respool.fromCti(input, options)`.
    DECODE_CTI_OPTIONS = "DecodeCtiOptions" ["key", "acceptPlain"];
    /// `CtiKey.decode/open/respool(text, options)`.
    CTI_KEY_OPTIONS = "CtiKeyOptions" ["acceptPlain"];
    /// `readCtiFromStorage(options)`, `cti` of `BridgeOptions`.
    READ_CTI_OPTIONS = "ReadCtiOptions" ["key", "acceptPlain", "storageKey"];
    /// `new PortalHost(options)`.
    PORTAL_HOST_OPTIONS = "PortalHostOptions" ["crmOrigins", "log", "debug"];
    /// `new Bridge(options)`.
    BRIDGE_OPTIONS = "BridgeOptions" [
        "mode", "portalOrigins", "target", "allowAnyOrigin", "timeoutMs", "quarantineMs", "probeTimeoutMs",
        "heartbeatMs", "log", "debug", "rest", "agent", "cti",
    ];
    /// `agent` of `BridgeOptions`.
    AGENT_PROFILE = "AgentProfile" ["agent", "phone", "tech", "context"];
    /// `new IntegraClient(options)`, `rest` of `BridgeOptions`.
    INTEGRA_CLIENT_OPTIONS = "IntegraClientOptions"
        ["baseUrl", "token", "user", "password", "timeoutMs", "recordingHosts", "maxInFlight", "maxResponseBytes", "log", "debug"];
    /// `recordingHosts`.
    RECORDING_HOSTS = "RecordingHosts" ["telephony", "backup"];
    /// `agentCall(args)`.
    AGENT_CALL_ARGS = "AgentCallArgs" ["callerid", "agent", "phone", "tech", "context", "outqueue", "destination"];
    /// `agentCallWithData(args)`.
    AGENT_CALL_WITH_DATA_ARGS = "AgentCallWithDataArgs"
        ["callerid", "agent", "phone", "tech", "context", "outqueue", "destination", "data", "form"];
    /// `hangupPhone(args)`.
    HANGUP_PHONE_ARGS = "HangupPhoneArgs" ["phone"];
    /// `tagRecord(args)`.
    TAG_RECORD_ARGS = "TagRecordArgs" ["phone", "guid", "data"];
    /// `dispositionCall(args)`.
    DISPOSITION_CALL_ARGS = "DispositionCallArgs" [
        "campaign", "agent", "callerid", "guid", "l1", "l2", "l3", "d1", "d2", "comment", "schedule",
        "camptoreschedule", "tag",
    ];
    /// `addBlack(args)`.
    ADD_BLACK_ARGS = "AddBlackArgs" ["phone", "campaign", "username", "company", "jobTitle", "name"];
    /// `getRecords(filter, page)`'s page.
    CDR_PAGE = "CdrPage" ["lastrow", "searchLimit"];
    /// `records(filter, options)`'s options.
    RECORDS_OPTIONS = "RecordsOptions" ["pageSize", "signal", "timeoutMs"];
    /// `convert(args)`.
    CONVERT_ARGS = "ConvertArgs" ["guid", "calldate"];
    /// `scheduleDialerCall(args)`.
    SCHEDULE_DIALER_CALL_ARGS = "ScheduleDialerCallArgs"
        ["calldate", "campaign", "destination", "alternatives", "agentphone", "data"];
    /// `dialerTask(args)`.
    DIALER_TASK_ARGS = "DialerTaskArgs"
        ["mode", "campaign", "destination", "calldate", "alternatives", "agent", "data", "source"];
    /// `removeContact(args)`.
    REMOVE_CONTACT_ARGS = "RemoveContactArgs" ["campaign", "number"];
    /// `removeScheduleDialerCall(args)`.
    REMOVE_SCHEDULE_DIALER_CALL_ARGS = "RemoveScheduleDialerCallArgs" ["campaign", "destination", "from", "to"];
    /// `sendSms(args)`, `sendSmsV1(args)`.
    SEND_SMS_ARGS = "SendSmsArgs" ["destination", "message", "campaign", "agent", "source"];
    /// `scheduleSms(args)`.
    SCHEDULE_SMS_ARGS = "ScheduleSmsArgs" ["calldate", "campaign", "destination", "data"];
    /// `agentLogoff(args)`.
    AGENT_LOGOFF_ARGS = "AgentLogoffArgs" ["agent", "interface", "message"];
    /// `agentUnbreak(args)`.
    AGENT_UNBREAK_ARGS = "AgentUnbreakArgs" ["agent", "interface", "motive", "message"];
    /// `uploadBase(args)`.
    UPLOAD_BASE_ARGS = "UploadBaseArgs" ["filename", "campaign", "username", "rows", "timezone"];
    /// A row of `buildBaseFile(rows)` and `uploadBase`.
    BASE_ROW_INPUT = "BaseRowInput" ["campaign", "number", "data", "alternatives", "priority", "agentphone"];
    /// `new UPhone(options)`.
    UPHONE_OPTIONS = "UPhoneOptions"
        ["frame", "container", "src", "instanceOrigin", "makeCallAction", "historySize", "log", "debug"];
    /// `uphone.makeCall(args)`.
    MAKE_CALL_ARGS = "MakeCallArgs" ["number", "campaign"];
    /// `new FormBridge(options)`.
    FORM_BRIDGE_OPTIONS = "FormBridgeOptions" ["inboxOrigins", "timeoutMs", "log", "debug"];
    /// `new UContactEvents(options)`.
    UCONTACT_EVENTS_OPTIONS = "UContactEventsOptions" ["frame", "container", "src", "instanceOrigin", "log", "debug"];
}
