/// <summary>
/// The answer to one request, as the host core's Answer (src/host/errors.ts): an HTTP status, a JSON body and the
/// contract's answer headers (Retry-After with a 429, ETag with an entity). A contract error is an answer like any
/// other, never an AL error: an AL error means the host failed, and "MFP Contract" turns it into 500
/// Internal_ServerError with the write rolled back.
/// </summary>
codeunit 50144 "MFP Answer"
{
    Access = Internal;
    InherentEntitlements = X;
    InherentPermissions = X;

    var
        Body: JsonObject;
        Headers: JsonObject;
        Status: Integer;
        RetryAfterTok: Label 'Retry-After', Locked = true;
        ETagTok: Label 'ETag', Locked = true;
        NothingAnsweredErr: Label 'No operation answered the request; nothing was changed.';

    /// <summary>Answers 200 with Body.</summary>
    procedure Ok(NewBody: JsonObject)
    begin
        SetAnswer(200, NewBody);
    end;

    /// <summary>Answers Status with Body, and no headers but those that follow from them.</summary>
    procedure SetAnswer(NewStatus: Integer; NewBody: JsonObject)
    begin
        Status := NewStatus;
        Body := NewBody;
        Clear(Headers);
    end;

    /// <summary>Answers a contract error: its status and {"error": {"code", "message"}}.</summary>
    procedure Refuse(ErrorCode: Enum "MFP Error Code"; Message: Text)
    var
        NoExtra: JsonObject;
    begin
        RefuseWith(ErrorCode, Message, NoExtra);
    end;

    /// <summary>
    /// Answers a contract error with the fields the contract gives some codes beside code and message:
    /// remainingAttempts, lockedUntil, details, retryAfter.
    /// </summary>
    procedure RefuseWith(ErrorCode: Enum "MFP Error Code"; Message: Text; Extra: JsonObject)
    var
        ErrorObject: JsonObject;
        ErrorBody: JsonObject;
        Value: JsonToken;
        Name: Text;
    begin
        ErrorObject.Add('code', CodeOf(ErrorCode));
        ErrorObject.Add('message', Message);
        foreach Name in Extra.Keys() do begin
            Extra.Get(Name, Value);
            ErrorObject.Add(Name, Value.Clone());
        end;
        ErrorBody.Add('error', ErrorObject);
        SetAnswer(StatusOf(ErrorCode), ErrorBody);
    end;

    /// <summary>423 PinCode_Locked, with until when.</summary>
    procedure RefuseLocked(Message: Text; LockedUntil: DateTime)
    var
        Projections: Codeunit "MFP Projections";
        Extra: JsonObject;
    begin
        Extra.Add('lockedUntil', Projections.IsoDateTime(LockedUntil));
        RefuseWith("MFP Error Code"::PinCode_Locked, Message, Extra);
    end;

    /// <summary>403 PinCode_CurrentInvalid, with the attempts left before the lock.</summary>
    procedure RefuseCurrentInvalid(Message: Text; RemainingAttempts: Integer)
    var
        Extra: JsonObject;
    begin
        Extra.Add('remainingAttempts', RemainingAttempts);
        RefuseWith("MFP Error Code"::PinCode_CurrentInvalid, Message, Extra);
    end;

    /// <summary>400 PinCode_PolicyViolation, with every rule broken ("MFP PIN Policy Check").</summary>
    procedure RefusePolicyViolation(Message: Text; Violations: JsonArray)
    var
        Extra: JsonObject;
    begin
        Extra.Add('details', Violations);
        RefuseWith("MFP Error Code"::PinCode_PolicyViolation, Message, Extra);
    end;

    /// <summary>429 Request_TooManyRequests: when to come back, in the body and in the Retry-After header.</summary>
    procedure RefuseTooManyRequests(Message: Text; RetryAfterSeconds: Integer)
    var
        Extra: JsonObject;
    begin
        Extra.Add('retryAfter', RetryAfterSeconds);
        RefuseWith("MFP Error Code"::Request_TooManyRequests, Message, Extra);
        Headers.Add(RetryAfterTok, Format(RetryAfterSeconds, 0, 9));
    end;

    procedure GetStatus(): Integer
    begin
        exit(Status);
    end;

    procedure GetBody(): JsonObject
    begin
        exit(Body);
    end;

    /// <summary>
    /// The answer envelope (envelope.schema.json): {"id", "status", "headers", "body"}, the body as the contract's JSON
    /// text. An entity's @odata.etag travels as the ETag header too.
    /// </summary>
    procedure AsEnvelope(RequestId: Text) EnvelopeText: Text
    var
        Envelope: JsonObject;
        AnswerHeaders: JsonObject;
        Etag: JsonToken;
        BodyText: Text;
    begin
        if Status = 0 then
            Refuse("MFP Error Code"::Internal_ServerError, NothingAnsweredErr);
        AnswerHeaders := Headers.Clone().AsObject();
        if (Status = 200) and Body.Get('@odata.etag', Etag) then
            AnswerHeaders.Add(ETagTok, Etag.AsValue().AsText());
        Body.WriteTo(BodyText);
        Envelope.Add('id', RequestId);
        Envelope.Add('status', Status);
        Envelope.Add('headers', AnswerHeaders);
        Envelope.Add('body', BodyText);
        Envelope.WriteTo(EnvelopeText);
    end;

    /// <summary>The code as the contract spells it: the enum value's name.</summary>
    procedure CodeOf(ErrorCode: Enum "MFP Error Code"): Text
    begin
        exit(ErrorCode.Names().Get(ErrorCode.Ordinals().IndexOf(ErrorCode.AsInteger())));
    end;

    /// <summary>The HTTP status of each error code: openapi.json, ErrorCode's x-http-status.</summary>
    procedure StatusOf(ErrorCode: Enum "MFP Error Code"): Integer
    begin
        case ErrorCode of
            "MFP Error Code"::Authentication_InvalidCredentials:
                exit(401);
            "MFP Error Code"::Authorization_Denied:
                exit(403);
            "MFP Error Code"::BadRequest_Malformed:
                exit(400);
            "MFP Error Code"::BadRequest_UnsupportedMediaType:
                exit(415);
            "MFP Error Code"::BadRequest_NotFound:
                exit(404);
            "MFP Error Code"::BadRequest_InvalidToken:
                exit(428);
            "MFP Error Code"::Request_EntityChanged:
                exit(409);
            "MFP Error Code"::Request_IdempotencyKeyReused:
                exit(422);
            "MFP Error Code"::PinCode_PolicyViolation:
                exit(400);
            "MFP Error Code"::PinCode_CurrentInvalid:
                exit(403);
            "MFP Error Code"::PinCode_Locked:
                exit(423);
            "MFP Error Code"::PinCode_TemporaryExpired:
                exit(410);
            "MFP Error Code"::PinCode_NotAllowed:
                exit(409);
            "MFP Error Code"::PinCode_NotSet:
                exit(409);
            "MFP Error Code"::UserSetup_PasswordNeedsPinCode:
                exit(400);
            "MFP Error Code"::Request_TooManyRequests:
                exit(429);
            "MFP Error Code"::Internal_ServerError:
                exit(500);
        end;
    end;
}
