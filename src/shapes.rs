//! The shape of every object the JavaScript API reads: its keys, declared once.
//!
//! The browser edge reads arguments and options by hand (`web::convert::Obj`), refusing keys it
//! does not know; it takes the key lists from here, and each reader names the keys it reads
//! through the shape's module of constants (`use crate::shapes::call_args as k; a.str(k::campaign)`),
//! so a misspelt key does not compile, and the debug build's `Obj` refuses a key of another
//! shape. Each shape names the TypeScript interface that declares it, and a native test
//! (`tests/shapes.rs`) checks that the interface's members are exactly these keys, as
//! `tests/error_codes.rs` does for the error codes. So an argument key is spelled in Rust once, in
//! TypeScript once, and the two cannot drift.

/// An object the JavaScript API reads.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// The TypeScript interface that declares it.
    pub ts: &'static str,
    /// Its keys, in the documented order.
    pub keys: &'static [&'static str],
}

macro_rules! shapes {
    ($( $(#[$doc:meta])* $name:ident in $module:ident = $ts:literal [$($key:ident),* $(,)?] ;)*) => {
        $(
            $(#[$doc])* pub const $name: Shape = Shape { ts: $ts, keys: &[$($module::$key),*] };
            $(#[$doc])*
            ///
            /// Its keys, one constant each: a reader names `keys::x::key`, so a misspelt key does
            /// not compile.
            #[allow(non_upper_case_globals)]
            pub mod $module {
                $( #[doc = concat!("`", stringify!($key), "`")] pub const $key: &str = stringify!($key); )*
            }
        )*
        /// Every shape.
        pub const ALL: &[Shape] = &[$($name),*];
    };
}

shapes! {
    /// The last argument of every async method.
    CALL_OPTIONS in call_options = "CallOptions" [signal, timeoutMs];
    /// The last argument of `on`.
    LISTEN_OPTIONS in listen_options = "ListenOptions" [signal, once];
    /// `new PortalChannel(options)`.
    PORTAL_CHANNEL_OPTIONS in portal_channel_options = "PortalChannelSettings"
        [portalOrigins, target, allowAnyOrigin, timeoutMs, quarantineMs, log, debug];
    /// `call(args)`.
    CALL_ARGS in call_args = "CallArgs" [campaign, callerid, destination];
    /// `callWithPhone(args)`.
    CALL_WITH_PHONE_ARGS in call_with_phone_args = "CallWithPhoneArgs" [destination, campaign];
    /// `tag(args)`.
    TAG_ARGS in tag_args = "TagArgs" [guid, message];
    /// `sms(args)`.
    SMS_ARGS in sms_args = "SmsArgs" [campaign, message, destination];
    /// `decodeCti(input, options)`, `Respool.fromCti(input, options)`.
    DECODE_CTI_OPTIONS in decode_cti_options = "DecodeCtiOptions" [key, acceptPlain];
    /// `CtiKey.decode/open/respool(text, options)`.
    CTI_KEY_OPTIONS in cti_key_options = "CtiKeyOptions" [acceptPlain];
    /// `readCtiFromStorage(options)`, `cti` of `BridgeOptions`.
    READ_CTI_OPTIONS in read_cti_options = "ReadCtiOptions" [key, acceptPlain, storageKey];
    /// `new PortalHost(options)`.
    PORTAL_HOST_OPTIONS in portal_host_options = "PortalHostOptions" [crmOrigins, log, debug];
    /// `new Bridge(options)`.
    BRIDGE_OPTIONS in bridge_options = "BridgeOptions" [
        mode, portalOrigins, target, allowAnyOrigin, timeoutMs, quarantineMs, probeTimeoutMs,
        heartbeatMs, log, debug, rest, agent, cti,
    ];
    /// `agent` of `BridgeOptions`.
    AGENT_PROFILE in agent_profile = "AgentProfile" [agent, phone, tech, context];
    /// `new IntegraClient(options)`, `rest` of `BridgeOptions`.
    INTEGRA_CLIENT_OPTIONS in integra_client_options = "IntegraClientOptions"
        [baseUrl, token, user, password, timeoutMs, recordingHosts, maxInFlight, maxResponseBytes, log, debug];
    /// `recordingHosts`.
    RECORDING_HOSTS in recording_hosts = "RecordingHosts" [telephony, backup];
    /// `agentCall(args)`.
    AGENT_CALL_ARGS in agent_call_args = "AgentCallArgs" [callerid, agent, phone, tech, context, outqueue, destination];
    /// `agentCallWithData(args)`.
    AGENT_CALL_WITH_DATA_ARGS in agent_call_with_data_args = "AgentCallWithDataArgs"
        [callerid, agent, phone, tech, context, outqueue, destination, data, form];
    /// `hangupPhone(args)`.
    HANGUP_PHONE_ARGS in hangup_phone_args = "HangupPhoneArgs" [phone];
    /// `tagRecord(args)`.
    TAG_RECORD_ARGS in tag_record_args = "TagRecordArgs" [phone, guid, data];
    /// `dispositionCall(args)`.
    DISPOSITION_CALL_ARGS in disposition_call_args = "DispositionCallArgs" [
        campaign, agent, callerid, guid, l1, l2, l3, d1, d2, comment, schedule,
        camptoreschedule, tag,
    ];
    /// `addBlack(args)`.
    ADD_BLACK_ARGS in add_black_args = "AddBlackArgs" [phone, campaign, username, company, jobTitle, name];
    /// `getRecords(filter, page)`'s page.
    CDR_PAGE in cdr_page = "CdrPage" [lastrow, searchLimit];
    /// `records(filter, options)`'s options.
    RECORDS_OPTIONS in records_options = "RecordsOptions" [pageSize, signal, timeoutMs];
    /// `convert(args)`.
    CONVERT_ARGS in convert_args = "ConvertArgs" [guid, calldate];
    /// `scheduleDialerCall(args)`.
    SCHEDULE_DIALER_CALL_ARGS in schedule_dialer_call_args = "ScheduleDialerCallArgs"
        [calldate, campaign, destination, alternatives, agentphone, data];
    /// `dialerTask(args)`.
    DIALER_TASK_ARGS in dialer_task_args = "DialerTaskArgs"
        [mode, campaign, destination, calldate, alternatives, agent, data, source];
    /// `removeContact(args)`.
    REMOVE_CONTACT_ARGS in remove_contact_args = "RemoveContactArgs" [campaign, number];
    /// `removeScheduleDialerCall(args)`.
    REMOVE_SCHEDULE_DIALER_CALL_ARGS in remove_schedule_dialer_call_args = "RemoveScheduleDialerCallArgs" [campaign, destination, from, to];
    /// `sendSms(args)`, `sendSmsV1(args)`.
    SEND_SMS_ARGS in send_sms_args = "SendSmsArgs" [destination, message, campaign, agent, source];
    /// `scheduleSms(args)`.
    SCHEDULE_SMS_ARGS in schedule_sms_args = "ScheduleSmsArgs" [calldate, campaign, destination, data];
    /// `agentLogoff(args)`.
    AGENT_LOGOFF_ARGS in agent_logoff_args = "AgentLogoffArgs" [agent, interface, message];
    /// `agentUnbreak(args)`.
    AGENT_UNBREAK_ARGS in agent_unbreak_args = "AgentUnbreakArgs" [agent, interface, motive, message];
    /// `uploadBase(args)`.
    UPLOAD_BASE_ARGS in upload_base_args = "UploadBaseArgs" [filename, campaign, username, rows, timezone];
    /// A row of `buildBaseFile(rows)` and `uploadBase`.
    BASE_ROW_INPUT in base_row_input = "BaseRowInput" [campaign, number, data, alternatives, priority, agentphone];
    /// `new UPhone(options)`.
    UPHONE_OPTIONS in uphone_options = "UPhoneOptions"
        [frame, container, src, instanceOrigin, makeCallAction, historySize, log, debug];
    /// `uphone.makeCall(args)`.
    MAKE_CALL_ARGS in make_call_args = "MakeCallArgs" [number, campaign];
    /// `new FormBridge(options)`.
    FORM_BRIDGE_OPTIONS in form_bridge_options = "FormBridgeOptions" [inboxOrigins, timeoutMs, log, debug];
    /// `new UContactEvents(options)`.
    UCONTACT_EVENTS_OPTIONS in ucontact_events_options = "UContactEventsOptions" [frame, container, src, instanceOrigin, log, debug];
}
