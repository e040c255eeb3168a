/// <summary>
/// One request of the contract as the operations see it, like the host core's OperationRequest
/// (src/host/operations/unit.ts, src/host/request.ts): read from its envelope, routed, with who is asking, the key in
/// its path, its Idempotency-Key, its query and its body checked, and the time of the request. Each Read procedure
/// answers the contract's refusal and returns false when the request goes no further; they run in the host core's
/// order (route, identity, key, Idempotency-Key, query, body).
/// Hostile text (docs/promises.md promise 12): ids, headers, queries and bodies that hold NUL or other control characters,
/// half of a surrogate pair, or too much of anything get a contract 4xx here, before anything is read or written.
/// </summary>
codeunit 50142 "MFP Request"
{
    Access = Internal;
    InherentEntitlements = X;
    InherentPermissions = X;
    Permissions = tabledata "MFP User Setup" = r,
                  tabledata "MFP Device" = r;

    var
        CallerSetup: Record "MFP User Setup";
        Body: JsonObject;
        Headers: JsonObject;
        Now: DateTime;
        TargetKey: Guid;
        CallerUserId: Code[50];
        RequestId: Text;
        Method: Text;
        RoutePath: Text;
        QueryText: Text;
        BodyText: Text;
        OperationId: Text;
        KeyText: Text;
        ClientIdempotencyKey: Text;
        PathHasKey: Boolean;
        HasClientIdempotencyKey: Boolean;
        CallerIsDevice: Boolean;
        CallerIsAdministrator: Boolean;
        MaxEnvelopeLength: Integer;
        MaxBodyLength: Integer;
        UnreadableIdTok: Label 'unreadable', Locked = true;
        IfMatchTok: Label 'If-Match', Locked = true;
        IdempotencyKeyTok: Label 'Idempotency-Key', Locked = true;
        ContentTypeTok: Label 'Content-Type', Locked = true;
        GuidPatternTok: Label '\A[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\z', Locked = true;
        IdempotencyKeyPatternTok: Label '\A[A-Za-z0-9._:-]{8,64}\z', Locked = true;
        JsonMediaTypePatternTok: Label '(?i)\Aapplication/(?:[\w.+-]+\+)?json\s*(?:;|\z)', Locked = true;
        SchemePatternTok: Label '\A[A-Za-z][A-Za-z0-9+.-]*:', Locked = true;
        ChangePinCodeRequestTok: Label 'ChangePinCodeRequest', Locked = true;
        UserSetupChangesTok: Label 'UserSetupChanges', Locked = true;
        IssueTemporaryPinCodeRequestTok: Label 'IssueTemporaryPinCodeRequest', Locked = true;
        VerifyPinCodeRequestTok: Label 'VerifyPinCodeRequest', Locked = true;
        EnvelopeTooLargeErr: Label 'The request envelope is %1 characters, over the limit of %2.', Comment = '%1 = length, %2 = limit';
        NotAnEnvelopeErr: Label 'The request envelope is not a JSON object.';
        EnvelopeIdErr: Label 'The request envelope has no id: "id" must be a text of 1 to 100 characters.';
        EnvelopeMethodErr: Label 'The request envelope''s "method" must be GET, POST, PATCH, PUT or DELETE.';
        EnvelopePathErr: Label 'The request envelope''s "path" must be a path relative to the contract''s base, e.g. "session".';
        EnvelopeHeadersErr: Label 'The request envelope''s "headers" must be an object of texts.';
        EnvelopeHeaderHoldsErr: Label 'The header %1 holds %2: a control character or half of a surrogate pair, which no header takes.', Comment = '%1 = header name, %2 = which character and where, e.g. U+0000 at 3';
        EnvelopeBodyErr: Label 'The request envelope''s "body" must be a text or null.';
        NoUserSetupErr: Label '%1 has no Mobile Flow user setup and is no Mobile Flow device: ask an administrator to add one.', Comment = '%1 = user ID';
        NobodySignedInErr: Label 'No Business Central user is signed in to this session.';
        KeyNotGuidErr: Label 'The id in the path is not a GUID: it names nothing.';
        IdempotencyKeyForActionsErr: Label 'Idempotency-Key is for POST actions only, not %1.', Comment = '%1 = operation id';
        IdempotencyKeyShapeErr: Label 'Idempotency-Key must be 8 to 64 letters, digits or . _ : -';
        NoQueryErr: Label '%1 takes no query options.', Comment = '%1 = path';
        NoBodyErr: Label '%1 takes no request body.', Comment = '%1 = operation id';
        BodyMissingErr: Label 'The request body is missing: send a JSON object.';
        MediaTypeErr: Label 'The request body must be JSON sent as Content-Type: application/json, not %1.', Comment = '%1 = the Content-Type sent';
        BodyTooLongErr: Label 'The request body is longer than %1 characters.', Comment = '%1 = limit';
        NotJsonErr: Label 'The request body is not a JSON object.';
        FieldNameHoldsErr: Label 'A field name in the body holds %1: a control character or half of a surrogate pair, which no field takes.', Comment = '%1 = which character and where, e.g. U+0000 at 3';
        FieldHoldsErr: Label 'The body''s field %1 holds %2: a control character or half of a surrogate pair, which no field takes.', Comment = '%1 = field name, %2 = which character and where, e.g. U+0000 at 3';
        UnknownFieldErr: Label 'The request body does not fit %1: %2 is not one of its fields.', Comment = '%1 = schema name, %2 = field name';
        MissingFieldErr: Label 'The request body does not fit %1: %2 is missing.', Comment = '%1 = schema name, %2 = field name';
        NotTextFieldErr: Label 'The request body does not fit %1: %2 must be a text of at most 64 characters.', Comment = '%1 = schema name, %2 = field name';
        NotBooleanFieldErr: Label 'The request body does not fit %1: %2 must be true or false.', Comment = '%1 = schema name, %2 = field name';
        NoChangesErr: Label 'The request body does not fit %1: it must change passwordMandatory, allowPinCode or both.', Comment = '%1 = schema name';
        CharacterAtTxt: Label 'U+%1 at %2', Locked = true;

    /// <summary>
    /// Reads the request envelope {"id", "method", "path", "headers", "body"} (envelope.schema.json). The path is split
    /// into the route and its query; the time of the request is taken here, once.
    /// </summary>
    procedure ReadEnvelope(RequestJson: Text; var Answer: Codeunit "MFP Answer"): Boolean
    var
        Envelope: JsonObject;
        Value: JsonToken;
        Path: Text;
        HeaderName: Text;
        HeaderValue: Text;
        ForbiddenAt: Text;
        QueryStart: Integer;
    begin
        MaxEnvelopeLength := 65536;
        MaxBodyLength := 16384;
        Now := StorablePrecision(CurrentDateTime());
        RequestId := UnreadableIdTok;
        if StrLen(RequestJson) > MaxEnvelopeLength then
            exit(RefuseMalformed(Answer, StrSubstNo(EnvelopeTooLargeErr, StrLen(RequestJson), MaxEnvelopeLength)));
        if not Envelope.ReadFrom(RequestJson) then
            exit(RefuseMalformed(Answer, NotAnEnvelopeErr));

        if not GetString(Envelope, 'id', RequestId) then
            RequestId := '';
        if (RequestId = '') or (StrLen(RequestId) > 100) or FindForbiddenCharacter(RequestId, ForbiddenAt) then begin
            RequestId := UnreadableIdTok;
            exit(RefuseMalformed(Answer, EnvelopeIdErr));
        end;

        if not GetString(Envelope, 'method', Method) then
            Method := '';
        if not (Method in ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']) then
            exit(RefuseMalformed(Answer, EnvelopeMethodErr));

        if not GetString(Envelope, 'path', Path) then
            Path := '';
        if (Path = '') or Path.StartsWith('/') or IsMatch(Path, SchemePatternTok) then
            exit(RefuseMalformed(Answer, EnvelopePathErr));
        QueryStart := StrPos(Path, '?');
        if QueryStart = 0 then
            RoutePath := Path
        else begin
            RoutePath := CopyStr(Path, 1, QueryStart - 1);
            QueryText := CopyStr(Path, QueryStart + 1);
        end;

        if Envelope.Get('headers', Value) then begin
            if not Value.IsObject() then
                exit(RefuseMalformed(Answer, EnvelopeHeadersErr));
            Headers := Value.AsObject();
            foreach HeaderName in Headers.Keys() do begin
                if not GetString(Headers, HeaderName, HeaderValue) then
                    exit(RefuseMalformed(Answer, EnvelopeHeadersErr));
                if FindForbiddenCharacter(HeaderName + ': ' + HeaderValue, ForbiddenAt) then
                    exit(RefuseMalformed(Answer, StrSubstNo(EnvelopeHeaderHoldsErr, CopyStr(HeaderName, 1, 40), ForbiddenAt)));
            end;
        end;

        if Envelope.Get('body', Value) then
            if not IsJsonNull(Value) then
                if not GetString(Envelope, 'body', BodyText) then
                    exit(RefuseMalformed(Answer, EnvelopeBodyErr));
        exit(true);
    end;

    /// <summary>The operation the route names, and the key in its path (as sent, still escaped).</summary>
    procedure SetRoute(NewOperationId: Text; NewPathHasKey: Boolean; NewKeyText: Text)
    begin
        OperationId := NewOperationId;
        PathHasKey := NewPathHasKey;
        KeyText := NewKeyText;
    end;

    /// <summary>
    /// Who is asking: the session's user (UserId()), whom Business Central has authenticated, in the web client and
    /// over the web service alike. A user listed in "MFP Device" is a device. Anyone else is a user, who must have a
    /// Mobile Flow user setup (403 otherwise, as the host core answers an identity it does not know; 401 only for a
    /// session without a user). A user is an
    /// administrator when they may change the Mobile Flow user setup table directly (the "MFP PIN ADMIN" permission set,
    /// or SUPER): the administrator of docs/promises.md is whoever has access to that table. Everyone else reaches it only through
    /// this codeunit's operations, by indirect permission.
    /// </summary>
    procedure Identify(var Answer: Codeunit "MFP Answer"): Boolean
    var
        Device: Record "MFP Device";
    begin
        CallerUserId := CopyStr(UserId(), 1, MaxStrLen(CallerUserId));
        if CallerUserId = '' then begin
            Answer.Refuse("MFP Error Code"::Authentication_InvalidCredentials, NobodySignedInErr);
            exit(false);
        end;
        if Device.Get(CallerUserId) then begin
            CallerIsDevice := true;
            exit(true);
        end;
        if not CallerSetup.Get(CallerUserId) then begin
            Answer.Refuse("MFP Error Code"::Authorization_Denied, StrSubstNo(NoUserSetupErr, CallerUserId));
            exit(false);
        end;
        CallerIsAdministrator := HasUserSetupAccess();
        exit(true);
    end;

    /// <summary>
    /// The key in the path, decoded. Keys are GUIDs: anything else (a malformed %-escape, a NUL, a megabyte) names
    /// nothing, and nothing is read for it.
    /// </summary>
    procedure ReadKey(var Answer: Codeunit "MFP Answer"): Boolean
    var
        Uri: Codeunit Uri;
        Decoded: Text;
    begin
        if not PathHasKey then
            exit(true);
        if StrLen(KeyText) <= 200 then
            Decoded := Uri.UnescapeDataString(KeyText);
        if (Decoded <> '') and IsMatch(Decoded, GuidPatternTok) then
            if Evaluate(TargetKey, Decoded) then
                exit(true);
        Answer.Refuse("MFP Error Code"::BadRequest_NotFound, KeyNotGuidErr);
        exit(false);
    end;

    /// <summary>The Idempotency-Key header, checked: only for the operations that take one, and of a sane shape.</summary>
    procedure ReadIdempotencyKey(var Answer: Codeunit "MFP Answer"): Boolean
    begin
        HasClientIdempotencyKey := GetHeader(IdempotencyKeyTok, ClientIdempotencyKey);
        if not HasClientIdempotencyKey then
            exit(true);
        if not AcceptsIdempotencyKey() then
            exit(RefuseMalformed(Answer, StrSubstNo(IdempotencyKeyForActionsErr, OperationId)));
        if not IsMatch(ClientIdempotencyKey, IdempotencyKeyPatternTok) then
            exit(RefuseMalformed(Answer, IdempotencyKeyShapeErr));
        exit(true);
    end;

    /// <summary>Only GET userSetups takes query options ("MFP User Setup Query" reads them).</summary>
    procedure RequireNoQuery(var Answer: Codeunit "MFP Answer"): Boolean
    begin
        if (OperationId = 'listUserSetups') or (QueryText = '') then
            exit(true);
        exit(RefuseMalformed(Answer, StrSubstNo(NoQueryErr, CopyStr(RoutePath, 1, 200))));
    end;

    /// <summary>
    /// The request's body, parsed and checked against the operation's schema (openapi.json); empty for an operation
    /// that takes none. A body with a Content-Type that is not JSON gets 415; without one it is JSON, as the envelope
    /// carries only JSON (src/api/envelope.ts).
    /// </summary>
    procedure ReadBody(var Answer: Codeunit "MFP Answer"): Boolean
    var
        Schema: Text;
        Trimmed: Text;
        ContentType: Text;
        Name: Text;
        StringValue: Text;
        ForbiddenAt: Text;
    begin
        Schema := RequestSchema();
        Trimmed := DelChr(BodyText, '<>', WhitespaceCharacters());
        Clear(Body);
        if Schema = '' then begin
            if (Trimmed <> '') and (Trimmed <> '{}') then
                exit(RefuseMalformed(Answer, StrSubstNo(NoBodyErr, OperationId)));
            exit(true);
        end;
        if Trimmed = '' then begin
            if Schema = IssueTemporaryPinCodeRequestTok then
                exit(true);
            exit(RefuseMalformed(Answer, BodyMissingErr));
        end;
        if GetHeader(ContentTypeTok, ContentType) then
            if not IsMatch(ContentType, JsonMediaTypePatternTok) then begin
                Answer.Refuse("MFP Error Code"::BadRequest_UnsupportedMediaType, StrSubstNo(MediaTypeErr, CopyStr(ContentType, 1, 100)));
                exit(false);
            end;
        if StrLen(BodyText) > MaxBodyLength then
            exit(RefuseMalformed(Answer, StrSubstNo(BodyTooLongErr, MaxBodyLength)));
        if not Body.ReadFrom(BodyText) then
            exit(RefuseMalformed(Answer, NotJsonErr));
        // Before the schema, as the host core does: every field name and text is checked for what no text may hold.
        foreach Name in Body.Keys() do begin
            if FindForbiddenCharacter(Name, ForbiddenAt) then
                exit(RefuseMalformed(Answer, StrSubstNo(FieldNameHoldsErr, ForbiddenAt)));
            if GetString(Body, Name, StringValue) then
                if FindForbiddenCharacter(StringValue, ForbiddenAt) then
                    exit(RefuseMalformed(Answer, StrSubstNo(FieldHoldsErr, CopyStr(Name, 1, 40), ForbiddenAt)));
        end;
        exit(FitsSchema(Schema, Answer));
    end;

    /// <summary>
    /// ForbiddenAt Value holds a character no text from a client may hold, in words ("U+0000 at 3"): NUL and the other control
    /// characters (tab, line feed and carriage return aside), and half of a surrogate pair. The host core's
    /// forbiddenCharacter.
    /// </summary>
    procedure FindForbiddenCharacter(Value: Text; var ForbiddenAt: Text): Boolean
    var
        Position: Integer;
        CharacterCode: Integer;
        Length: Integer;
        Forbidden: Boolean;
    begin
        Length := StrLen(Value);
        for Position := 1 to Length do begin
            CharacterCode := Value[Position];
            case true of
                (CharacterCode < 32) and not (CharacterCode in [9, 10, 13]):
                    Forbidden := true;
                (CharacterCode >= 127) and (CharacterCode <= 159):
                    Forbidden := true;
                IsHighSurrogate(CharacterCode):
                    if Position = Length then
                        Forbidden := true
                    else
                        Forbidden := not IsLowSurrogate(Value[Position + 1]);
                IsLowSurrogate(CharacterCode):
                    if Position = 1 then
                        Forbidden := true
                    else
                        Forbidden := not IsHighSurrogate(Value[Position - 1]);
            end;
            if Forbidden then begin
                ForbiddenAt := StrSubstNo(CharacterAtTxt, Hex4(CharacterCode), Position);
                exit(true);
            end;
        end;
        exit(false);
    end;

    procedure GetRequestId(): Text
    begin
        exit(RequestId);
    end;

    procedure GetMethod(): Text
    begin
        exit(Method);
    end;

    procedure GetRoutePath(): Text
    begin
        exit(RoutePath);
    end;

    procedure GetQueryText(): Text
    begin
        exit(QueryText);
    end;

    procedure GetOperationId(): Text
    begin
        exit(OperationId);
    end;

    /// <summary>The key in the path (a user setup's or a Resource card's SystemId).</summary>
    procedure GetTargetKey(): Guid
    begin
        exit(TargetKey);
    end;

    /// <summary>The time of the request, taken once, as the host core's request.now.</summary>
    procedure GetNow(): DateTime
    begin
        exit(Now);
    end;

    procedure GetIfMatch(var IfMatch: Text): Boolean
    begin
        exit(GetHeader(IfMatchTok, IfMatch));
    end;

    procedure HasIdempotencyKey(): Boolean
    begin
        exit(HasClientIdempotencyKey);
    end;

    procedure GetIdempotencyKey(): Text
    begin
        exit(ClientIdempotencyKey);
    end;

    procedure IsDevice(): Boolean
    begin
        exit(CallerIsDevice);
    end;

    procedure IsAdministrator(): Boolean
    begin
        exit(CallerIsAdministrator and not CallerIsDevice);
    end;

    procedure GetCallerUserId(): Code[50]
    begin
        exit(CallerUserId);
    end;

    /// <summary>Who sent the request, as an Idempotency-Key is scoped to it: "user ID" or "device ID".</summary>
    procedure GetCallerScope(): Text
    begin
        if CallerIsDevice then
            exit('device ' + CallerUserId);
        exit('user ' + CallerUserId);
    end;

    /// <summary>
    /// The asking user's own setup as read when the request arrived: for who may ask, never written back. False for a
    /// device, which has none.
    /// </summary>
    procedure GetCaller(var UserSetup: Record "MFP User Setup"): Boolean
    begin
        if CallerIsDevice then
            exit(false);
        UserSetup := CallerSetup;
        exit(true);
    end;

    /// <summary>Whether the body has the field Name.</summary>
    procedure HasBodyField(Name: Text): Boolean
    begin
        exit(Body.Contains(Name));
    end;

    /// <summary>The text field Name of the body (checked by the schema); blank when it has none.</summary>
    [NonDebuggable]
    procedure GetBodyText(Name: Text) Value: Text
    begin
        if not GetString(Body, Name, Value) then
            Value := '';
    end;

    /// <summary>The yes/no field Name of the body, when it has one.</summary>
    procedure GetBodyBoolean(Name: Text; var Value: Boolean): Boolean
    var
        Token: JsonToken;
    begin
        if not Body.Get(Name, Token) then
            exit(false);
        Value := Token.AsValue().AsBoolean();
        exit(true);
    end;

    /// <summary>
    /// The body as one text whatever the order of its fields: what an Idempotency-Key's fingerprint is taken of (the host
    /// core's canonicalBody); blank for an operation that takes no body.
    /// </summary>
    [NonDebuggable]
    procedure CanonicalBody() Canonical: Text
    var
        Sorted: JsonObject;
        Value: JsonToken;
        Names: List of [Text];
        Name: Text;
        Position: Integer;
        Index: Integer;
    begin
        if RequestSchema() = '' then
            exit('');
        // Insertion sort: a body has at most two fields.
        foreach Name in Body.Keys() do begin
            Position := 1;
            for Index := 1 to Names.Count() do
                if Names.Get(Index) < Name then
                    Position := Index + 1;
            Names.Insert(Position, Name);
        end;
        foreach Name in Names do begin
            Body.Get(Name, Value);
            Sorted.Add(Name, Value.Clone());
        end;
        Sorted.WriteTo(Canonical);
    end;

    local procedure AcceptsIdempotencyKey(): Boolean
    begin
        exit(OperationId in ['changePinCode', 'issueTemporaryPinCode', 'unlockPinCode', 'verifyPinCode']);
    end;

    /// <summary>The schema of the operation's request body (openapi.json); blank when it takes none.</summary>
    local procedure RequestSchema(): Text
    begin
        case OperationId of
            'changePinCode':
                exit(ChangePinCodeRequestTok);
            'updateUserSetup':
                exit(UserSetupChangesTok);
            'issueTemporaryPinCode':
                exit(IssueTemporaryPinCodeRequestTok);
            'verifyPinCode':
                exit(VerifyPinCodeRequestTok);
        end;
        exit('');
    end;

    /// <summary>
    /// Whether the body fits the operation's schema: only its fields, each of its type (texts at most 64 characters),
    /// the required ones there. One check at a time: AL's and does not stop at the first false.
    /// </summary>
    local procedure FitsSchema(Schema: Text; var Answer: Codeunit "MFP Answer"): Boolean
    begin
        case Schema of
            ChangePinCodeRequestTok:
                begin
                    if not OnlyFields(Schema, 'currentPinCode,newPinCode', Answer) then
                        exit(false);
                    if not TextField(Schema, 'currentPinCode', true, Answer) then
                        exit(false);
                    exit(TextField(Schema, 'newPinCode', true, Answer));
                end;
            UserSetupChangesTok:
                begin
                    if not OnlyFields(Schema, 'passwordMandatory,allowPinCode', Answer) then
                        exit(false);
                    if not BooleanField(Schema, 'passwordMandatory', Answer) then
                        exit(false);
                    if not BooleanField(Schema, 'allowPinCode', Answer) then
                        exit(false);
                    if Body.Keys().Count() = 0 then
                        exit(RefuseMalformed(Answer, StrSubstNo(NoChangesErr, Schema)));
                    exit(true);
                end;
            IssueTemporaryPinCodeRequestTok:
                begin
                    if not OnlyFields(Schema, 'pinCode', Answer) then
                        exit(false);
                    exit(TextField(Schema, 'pinCode', false, Answer));
                end;
            VerifyPinCodeRequestTok:
                begin
                    if not OnlyFields(Schema, 'pinCode', Answer) then
                        exit(false);
                    exit(TextField(Schema, 'pinCode', true, Answer));
                end;
        end;
        exit(true);
    end;

    local procedure OnlyFields(Schema: Text; Allowed: Text; var Answer: Codeunit "MFP Answer"): Boolean
    var
        AllowedNames: List of [Text];
        Name: Text;
    begin
        AllowedNames := Allowed.Split(',');
        foreach Name in Body.Keys() do
            if not AllowedNames.Contains(Name) then
                exit(RefuseMalformed(Answer, StrSubstNo(UnknownFieldErr, Schema, CopyStr(Name, 1, 40))));
        exit(true);
    end;

    local procedure TextField(Schema: Text; Name: Text; Required: Boolean; var Answer: Codeunit "MFP Answer"): Boolean
    var
        Value: Text;
    begin
        if not Body.Contains(Name) then begin
            if Required then
                exit(RefuseMalformed(Answer, StrSubstNo(MissingFieldErr, Schema, Name)));
            exit(true);
        end;
        if not GetString(Body, Name, Value) then
            exit(RefuseMalformed(Answer, StrSubstNo(NotTextFieldErr, Schema, Name)));
        if StrLen(Value) > 64 then
            exit(RefuseMalformed(Answer, StrSubstNo(NotTextFieldErr, Schema, Name)));
        exit(true);
    end;

    local procedure BooleanField(Schema: Text; Name: Text; var Answer: Codeunit "MFP Answer"): Boolean
    var
        Token: JsonToken;
        Raw: Text;
    begin
        if not Body.Get(Name, Token) then
            exit(true);
        Token.WriteTo(Raw);
        if not (Raw in ['true', 'false']) then
            exit(RefuseMalformed(Answer, StrSubstNo(NotBooleanFieldErr, Schema, Name)));
        exit(true);
    end;

    /// <summary>The header Name of the envelope, whatever its case.</summary>
    local procedure GetHeader(Name: Text; var Value: Text): Boolean
    var
        HeaderName: Text;
    begin
        foreach HeaderName in Headers.Keys() do
            if LowerCase(HeaderName) = LowerCase(Name) then
                exit(GetString(Headers, HeaderName, Value));
        exit(false);
    end;

    /// <summary>The field Name of Source when it is a JSON string (not a number, a yes/no, null, an object or a list).</summary>
    local procedure GetString(Source: JsonObject; Name: Text; var Value: Text): Boolean
    var
        Token: JsonToken;
        Raw: Text;
    begin
        if not Source.Get(Name, Token) then
            exit(false);
        if not Token.IsValue() then
            exit(false);
        Token.WriteTo(Raw);
        if not Raw.StartsWith('"') then
            exit(false);
        Value := Token.AsValue().AsText();
        exit(true);
    end;

    local procedure IsJsonNull(Token: JsonToken): Boolean
    begin
        if not Token.IsValue() then
            exit(false);
        exit(Token.AsValue().IsNull());
    end;

    /// <summary>
    /// Whether the user may change the Mobile Flow user setup table directly: their effective permission, not the
    /// indirect one every user of the contract has.
    /// </summary>
    local procedure HasUserSetupAccess(): Boolean
    var
        TempExpandedPermission: Record "Expanded Permission" temporary;
        UserPermissions: Codeunit "User Permissions";
    begin
        TempExpandedPermission := UserPermissions.GetEffectivePermission(TempExpandedPermission."Object Type"::"Table Data", Database::"MFP User Setup");
        exit(TempExpandedPermission."Modify Permission" = TempExpandedPermission."Modify Permission"::Yes);
    end;

    /// <summary>
    /// Now, kept to whole hundredths of a second: SQL Server's datetime, which holds Business Central's DateTime fields,
    /// keeps 1/300 of a second, so a moment kept to hundredths is stored as it is, and what an answer says is what a later
    /// read finds.
    /// </summary>
    local procedure StorablePrecision(Moment: DateTime): DateTime
    var
        SinceReference: BigInteger;
        Remainder: Integer;
    begin
        SinceReference := Moment - CreateDateTime(DMY2Date(1, 1, 2000), 000000T);
        Remainder := SinceReference mod 10;
        exit(Moment - Remainder);
    end;

    local procedure RefuseMalformed(var Answer: Codeunit "MFP Answer"; Message: Text): Boolean
    begin
        Answer.Refuse("MFP Error Code"::BadRequest_Malformed, Message);
        exit(false);
    end;

    local procedure IsMatch(Value: Text; Pattern: Text): Boolean
    var
        Regex: Codeunit Regex;
    begin
        exit(Regex.IsMatch(Value, Pattern));
    end;

    local procedure IsHighSurrogate(CharacterCode: Integer): Boolean
    begin
        exit((CharacterCode >= 55296) and (CharacterCode <= 56319));
    end;

    local procedure IsLowSurrogate(CharacterCode: Integer): Boolean
    begin
        exit((CharacterCode >= 56320) and (CharacterCode <= 57343));
    end;

    local procedure Hex4(Value: Integer) Hex: Text
    var
        Digits: Text;
        Index: Integer;
    begin
        Digits := '0123456789ABCDEF';
        for Index := 1 to 4 do begin
            Hex := CopyStr(Digits, (Value mod 16) + 1, 1) + Hex;
            Value := Value div 16;
        end;
    end;

    local procedure WhitespaceCharacters(): Text
    var
        Tab: Char;
        LineFeed: Char;
        CarriageReturn: Char;
    begin
        Tab := 9;
        LineFeed := 10;
        CarriageReturn := 13;
        exit(' ' + Format(Tab) + Format(LineFeed) + Format(CarriageReturn));
    end;
}
