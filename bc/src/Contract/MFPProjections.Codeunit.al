/// <summary>
/// The contract's views of what is stored (src/host/projections.ts): a user setup, a Resource card, the session, the
/// policy, a PIN code event; what a client may read and nothing the host keeps to itself. Also the contract's way of
/// writing ids (lower-case GUIDs), etags (W/"version") and times (ISO 8601 in UTC with milliseconds, as the other hosts
/// write them).
/// </summary>
codeunit 50152 "MFP Projections"
{
    Access = Internal;
    InherentEntitlements = X;
    InherentPermissions = X;
    Permissions = tabledata Resource = r;

    var
        EtagTok: Label 'W/"%1"', Locked = true, Comment = '%1 = version';

    /// <summary>A user setup as the contract shows it: lockedUntil only while the lock lasts.</summary>
    procedure UserSetupJson(UserSetup: Record "MFP User Setup"; Now: DateTime) Result: JsonObject
    begin
        Result.Add('id', IdOf(UserSetup.SystemId));
        Result.Add('userId', UserSetup."User ID");
        Result.Add('displayName', UserSetup."Display Name");
        AddNullableText(Result, 'resourceNo', UserSetup."Resource No.");
        AddNullableText(Result, 'resourceId', ResourceIdOf(UserSetup."Resource No."));
        Result.Add('passwordMandatory', UserSetup."Password Mandatory");
        Result.Add('allowPinCode', UserSetup."Allow PIN Code");
        Result.Add('pinCodeStatus', StatusName(UserSetup."PIN Code Status"));
        AddDateTime(Result, 'pinCodeChangedAt', UserSetup."PIN Code Changed At");
        AddNullableText(Result, 'pinCodeChangedBy', ChangedByName(UserSetup."PIN Code Changed By"));
        AddDateTime(Result, 'temporaryPinCodeExpiresAt', UserSetup."Temporary Expires At");
        AddDateTime(Result, 'lockedUntil', LockedUntilNow(UserSetup, Now));
        Result.Add('@odata.etag', Etag(UserSetup."Version No."));
    end;

    /// <summary>
    /// The Resource card as the contract shows it, with whether a device asks its user for a PIN code: never the code.
    /// A device sees only what signing in needs (whose card it is, and whether to ask), not the code's status or history,
    /// which would tell a guesser whose codes are new or temporary.
    /// </summary>
    procedure ResourceJson(Resource: Record Resource; Owner: Record "MFP User Setup"; ForDevice: Boolean) Result: JsonObject
    begin
        Result.Add('id', IdOf(Resource.SystemId));
        Result.Add('number', Resource."No.");
        Result.Add('name', Resource.Name);
        Result.Add('pinCodeRequired', Owner.PinCodeRequired());
        if ForDevice then
            exit;
        Result.Add('pinCodeStatus', StatusName(Resource."MFP PIN Code Status"));
        AddDateTime(Result, 'pinCodeChangedAt', Resource."MFP PIN Code Changed At");
        AddNullableText(Result, 'pinCodeChangedBy', ChangedByName(Resource."MFP PIN Code Changed By"));
        Result.Add('@odata.etag', Etag(Resource."MFP Card Version"));
    end;

    /// <summary>The signed-in user as GET session tells them.</summary>
    procedure SessionJson(UserSetup: Record "MFP User Setup"; CanManageUserSetup: Boolean; PinPolicy: Record "MFP PIN Policy"; Now: DateTime) Result: JsonObject
    begin
        Result.Add('userId', UserSetup."User ID");
        Result.Add('displayName', UserSetup."Display Name");
        AddNullableText(Result, 'resourceNo', UserSetup."Resource No.");
        AddNullableText(Result, 'resourceId', ResourceIdOf(UserSetup."Resource No."));
        Result.Add('canManageUserSetup', CanManageUserSetup);
        Result.Add('passwordMandatory', UserSetup."Password Mandatory");
        Result.Add('allowPinCode', UserSetup."Allow PIN Code");
        Result.Add('pinCodeStatus', StatusName(UserSetup."PIN Code Status"));
        AddDateTime(Result, 'pinCodeChangedAt', UserSetup."PIN Code Changed At");
        AddDateTime(Result, 'temporaryPinCodeExpiresAt', UserSetup."Temporary Expires At");
        AddDateTime(Result, 'lockedUntil', LockedUntilNow(UserSetup, Now));
        Result.Add('pinPolicy', PolicyJson(PinPolicy));
    end;

    /// <summary>The PIN policy as the contract names its fields.</summary>
    procedure PolicyJson(PinPolicy: Record "MFP PIN Policy") Result: JsonObject
    begin
        Result.Add('minLength', PinPolicy."Min. Length");
        Result.Add('maxLength', PinPolicy."Max. Length");
        Result.Add('historyDepth', PinPolicy."History Depth");
        Result.Add('maxFailedAttempts', PinPolicy."Max. Failed Attempts");
        Result.Add('lockoutMinutes', PinPolicy."Lockout Minutes");
        Result.Add('temporaryLength', PinPolicy."Temporary Length");
        Result.Add('temporaryTtlHours', PinPolicy."Temporary TTL Hours");
        Result.Add('maxDeviceFailures', PinPolicy."Max. Device Failures");
        Result.Add('deviceFailureWindowMinutes', PinPolicy."Device Failure Window (Min.)");
        Result.Add('administratorMayChoosePinCode', PinPolicy."Admin. May Choose PIN Code");
    end;

    /// <summary>One PIN code event as the history shows it.</summary>
    procedure PinCodeEventJson(PinCodeEvent: Record "MFP PIN Code Event") Result: JsonObject
    begin
        Result.Add('id', Format(PinCodeEvent."Entry No.", 0, 9));
        Result.Add('type', EventTypeName(PinCodeEvent."Event Type"));
        Result.Add('at', IsoDateTime(PinCodeEvent."Occurred At"));
        Result.Add('actor', ActorName(PinCodeEvent.Actor));
        AddNullableText(Result, 'actorUserId', PinCodeEvent."Actor User ID");
    end;

    /// <summary>The contract's name of a PIN code status.</summary>
    procedure StatusName(Status: Enum "MFP PIN Code Status"): Text
    begin
        case Status of
            "MFP PIN Code Status"::"Not Set":
                exit('notSet');
            "MFP PIN Code Status"::"Temporary":
                exit('temporary');
            "MFP PIN Code Status"::"Set":
                exit('set');
        end;
    end;

    /// <summary>The contract's name of who last set a PIN code; blank while nobody did (null in the answer).</summary>
    procedure ChangedByName(ChangedBy: Enum "MFP PIN Code Changed By"): Text
    begin
        case ChangedBy of
            "MFP PIN Code Changed By"::User:
                exit('user');
            "MFP PIN Code Changed By"::Administrator:
                exit('administrator');
        end;
        exit('');
    end;

    procedure EventTypeName(EventType: Enum "MFP PIN Code Event Type"): Text
    begin
        case EventType of
            "MFP PIN Code Event Type"::"Temporary Issued":
                exit('temporaryIssued');
            "MFP PIN Code Event Type"::"Changed By User":
                exit('changedByUser');
            "MFP PIN Code Event Type"::"Failed Attempt":
                exit('failedAttempt');
            "MFP PIN Code Event Type"::Locked:
                exit('locked');
            "MFP PIN Code Event Type"::Unlocked:
                exit('unlocked');
            "MFP PIN Code Event Type"::Expired:
                exit('expired');
            "MFP PIN Code Event Type"::"Device Throttled":
                exit('deviceThrottled');
        end;
    end;

    procedure ActorName(Actor: Enum "MFP PIN Code Actor"): Text
    begin
        case Actor of
            "MFP PIN Code Actor"::User:
                exit('user');
            "MFP PIN Code Actor"::Administrator:
                exit('administrator');
            "MFP PIN Code Actor"::Device:
                exit('device');
            "MFP PIN Code Actor"::Host:
                exit('host');
        end;
    end;

    /// <summary>A key as the contract writes it: a GUID in lower case, without braces.</summary>
    procedure IdOf(SystemId: Guid): Text
    begin
        exit(LowerCase(Format(SystemId, 0, 4)));
    end;

    /// <summary>The contract id of a Resource card (its SystemId); blank when there is none.</summary>
    procedure ResourceIdOf(ResourceNo: Code[20]): Text
    var
        Resource: Record Resource;
    begin
        if ResourceNo = '' then
            exit('');
        if not Resource.Get(ResourceNo) then
            exit('');
        exit(IdOf(Resource.SystemId));
    end;

    /// <summary>The @odata.etag of a record at this version.</summary>
    procedure Etag(Version: Integer): Text
    begin
        exit(StrSubstNo(EtagTok, Version));
    end;

    /// <summary>
    /// A moment as the contract writes it: ISO 8601 in UTC with milliseconds (2026-01-31T12:00:00.000Z), as JavaScript's
    /// toISOString does; blank for no moment. Format 9 is the XML format, always in UTC.
    /// </summary>
    procedure IsoDateTime(Moment: DateTime): Text
    var
        XmlText: Text;
        Dot: Integer;
    begin
        if Moment = 0DT then
            exit('');
        XmlText := DelChr(Format(Moment, 0, 9), '>', 'Z');
        Dot := StrPos(XmlText, '.');
        if Dot = 0 then
            exit(XmlText + '.000Z');
        exit(CopyStr(XmlText, 1, Dot) + PadStr(CopyStr(XmlText, Dot + 1, 3), 3, '0') + 'Z');
    end;

    /// <summary>Adds a moment, or null for no moment.</summary>
    procedure AddDateTime(var Target: JsonObject; Name: Text; Moment: DateTime)
    begin
        AddNullableText(Target, Name, IsoDateTime(Moment));
    end;

    /// <summary>Adds a text, or null for a blank one.</summary>
    procedure AddNullableText(var Target: JsonObject; Name: Text; Value: Text)
    var
        Null: JsonValue;
    begin
        if Value <> '' then begin
            Target.Add(Name, Value);
            exit;
        end;
        Null.SetValueToNull();
        Target.Add(Name, Null);
    end;

    /// <summary>Whether Moment is set and later than Now (the host core's isAfter).</summary>
    procedure IsAfter(Moment: DateTime; Now: DateTime): Boolean
    begin
        exit((Moment <> 0DT) and (Moment > Now));
    end;

    /// <summary>Moment plus Minutes; in milliseconds as a BigInteger, since 720 hours overflow an Integer.</summary>
    procedure AddMinutes(Moment: DateTime; Minutes: Integer): DateTime
    var
        Milliseconds: BigInteger;
        Span: Duration;
    begin
        Milliseconds := Minutes;
        Milliseconds := Milliseconds * 60000;
        Span := Milliseconds;
        exit(Moment + Span);
    end;

    local procedure LockedUntilNow(UserSetup: Record "MFP User Setup"; Now: DateTime): DateTime
    begin
        if IsAfter(UserSetup."Locked Until", Now) then
            exit(UserSetup."Locked Until");
        exit(0DT);
    end;
}
