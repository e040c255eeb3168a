/// <summary>
/// Handles one request envelope, as the host core's answer() does (src/host/core.ts): route, identity, key,
/// Idempotency-Key, query, body, then the operation. "MFP Contract".Handle runs it with Codeunit.Run, so that any AL
/// error in it rolls back its write and is answered 500 Internal_ServerError; a successful run commits.
/// The routes are the contract's operations (openapi.json: one per operationId, its method and its path), matched as
/// src/host/routes.ts matches them: the path without its query, a key in parentheses standing for {id}.
/// </summary>
codeunit 50141 "MFP Request Worker"
{
    Access = Internal;
    InherentEntitlements = X;
    InherentPermissions = X;
    TableNo = "MFP Envelope Buffer";

    trigger OnRun()
    var
        Request: Codeunit "MFP Request";
        Answer: Codeunit "MFP Answer";
    begin
        if ReadRequest(Rec.GetRequestJson(), Request, Answer) then
            Dispatch(Request, Answer);
        Rec.SetAnswerJson(Answer.AsEnvelope(Request.GetRequestId()));
        Rec.Modify();
    end;

    var
        RouteOperations: List of [Text];
        RouteMethods: List of [Text];
        RoutePaths: List of [Text];
        KeyPlaceholderTok: Label '{id}', Locked = true;
        NoSuchEndpointErr: Label 'No such endpoint: %1.', Comment = '%1 = the path asked for';
        WrongMethodErr: Label '%1 takes %2, not %3.', Comment = '%1 = the path, %2 = the methods it takes, %3 = the method sent';
        NotRoutedErr: Label 'The operation %1 has no unit; nothing was changed.', Comment = '%1 = operation id';

    /// <summary>
    /// The contract's operations, one route each: operationId, method and path relative to the base, {id} for the key.
    /// The one list of routes here; test/e2e/bc-app.test.mjs checks it against openapi.json.
    /// </summary>
    local procedure AddRoutes()
    begin
        if RouteOperations.Count() > 0 then
            exit;
        AddRoute('getSession', 'GET', 'session');
        AddRoute('changePinCode', 'POST', 'session/Microsoft.NAV.changePinCode');
        AddRoute('listUserSetups', 'GET', 'userSetups');
        AddRoute('getUserSetup', 'GET', 'userSetups({id})');
        AddRoute('updateUserSetup', 'PATCH', 'userSetups({id})');
        AddRoute('issueTemporaryPinCode', 'POST', 'userSetups({id})/Microsoft.NAV.issueTemporaryPinCode');
        AddRoute('unlockPinCode', 'POST', 'userSetups({id})/Microsoft.NAV.unlockPinCode');
        AddRoute('listPinCodeEvents', 'GET', 'userSetups({id})/pinCodeEvents');
        AddRoute('getResource', 'GET', 'resources({id})');
        AddRoute('verifyPinCode', 'POST', 'resources({id})/Microsoft.NAV.verifyPinCode');
    end;

    /// <summary>Each operation's unit: reads answer from what is stored, actions decide inside the user's section.</summary>
    local procedure Dispatch(var Request: Codeunit "MFP Request"; var Answer: Codeunit "MFP Answer")
    var
        Reads: Codeunit "MFP Reads";
        ActionRunner: Codeunit "MFP Action Runner";
    begin
        case Request.GetOperationId() of
            'getSession':
                Reads.GetSession(Request, Answer);
            'changePinCode':
                ActionRunner.Act(Request, Answer);
            'listUserSetups':
                Reads.ListUserSetups(Request, Answer);
            'getUserSetup':
                Reads.GetUserSetup(Request, Answer);
            'updateUserSetup':
                ActionRunner.Act(Request, Answer);
            'issueTemporaryPinCode':
                ActionRunner.Act(Request, Answer);
            'unlockPinCode':
                ActionRunner.Act(Request, Answer);
            'listPinCodeEvents':
                Reads.ListPinCodeEvents(Request, Answer);
            'getResource':
                Reads.GetResource(Request, Answer);
            'verifyPinCode':
                ActionRunner.Act(Request, Answer);
            else
                Answer.Refuse("MFP Error Code"::Internal_ServerError, StrSubstNo(NotRoutedErr, Request.GetOperationId()));
        end;
    end;

    /// <summary>The request read in the host core's order; false, with the refusal answered, when it goes no further.</summary>
    local procedure ReadRequest(RequestJson: Text; var Request: Codeunit "MFP Request"; var Answer: Codeunit "MFP Answer"): Boolean
    begin
        if not Request.ReadEnvelope(RequestJson, Answer) then
            exit(false);
        if not Route(Request, Answer) then
            exit(false);
        if not Request.Identify(Answer) then
            exit(false);
        if not Request.ReadKey(Answer) then
            exit(false);
        if not Request.ReadIdempotencyKey(Answer) then
            exit(false);
        if not Request.RequireNoQuery(Answer) then
            exit(false);
        exit(Request.ReadBody(Answer));
    end;

    /// <summary>
    /// The route for the request's method and path, and the key in its path; 404 BadRequest_NotFound for a path no
    /// route has, saying which methods the path takes when it has routes for others.
    /// </summary>
    local procedure Route(var Request: Codeunit "MFP Request"; var Answer: Codeunit "MFP Answer"): Boolean
    var
        Path: Text;
        KeyText: Text;
        Allowed: Text;
        Index: Integer;
    begin
        AddRoutes();
        Path := Request.GetRoutePath();
        for Index := 1 to RouteOperations.Count() do
            if MatchesPath(Path, RoutePaths.Get(Index), KeyText) then begin
                if RouteMethods.Get(Index) = Request.GetMethod() then begin
                    Request.SetRoute(RouteOperations.Get(Index), RoutePaths.Get(Index).Contains(KeyPlaceholderTok), KeyText);
                    exit(true);
                end;
                if Allowed <> '' then
                    Allowed += ', ';
                Allowed += RouteMethods.Get(Index);
            end;
        Path := CopyStr(Path, 1, 200);
        if Allowed = '' then
            Answer.Refuse("MFP Error Code"::BadRequest_NotFound, StrSubstNo(NoSuchEndpointErr, Path))
        else
            Answer.Refuse("MFP Error Code"::BadRequest_NotFound, StrSubstNo(WrongMethodErr, Path, Allowed, Request.GetMethod()));
        exit(false);
    end;

    /// <summary>
    /// Whether Path is the route's Pattern, a key in parentheses standing for {id}: the key holds no parenthesis and no
    /// slash, as src/host/routes.ts has it. The key is given as sent, still escaped.
    /// </summary>
    local procedure MatchesPath(Path: Text; Pattern: Text; var KeyText: Text): Boolean
    var
        Prefix: Text;
        Suffix: Text;
        Placeholder: Integer;
    begin
        KeyText := '';
        Placeholder := StrPos(Pattern, KeyPlaceholderTok);
        if Placeholder = 0 then
            exit(Path = Pattern);
        Prefix := CopyStr(Pattern, 1, Placeholder - 1);
        Suffix := CopyStr(Pattern, Placeholder + StrLen(KeyPlaceholderTok));
        if StrLen(Path) < StrLen(Prefix) + StrLen(Suffix) then
            exit(false);
        if not (Path.StartsWith(Prefix) and Path.EndsWith(Suffix)) then
            exit(false);
        KeyText := CopyStr(Path, StrLen(Prefix) + 1, StrLen(Path) - StrLen(Prefix) - StrLen(Suffix));
        exit(DelChr(KeyText, '=', '()/') = KeyText);
    end;

    local procedure AddRoute(OperationId: Text; Method: Text; Path: Text)
    begin
        RouteOperations.Add(OperationId);
        RouteMethods.Add(Method);
        RoutePaths.Add(Path);
    end;
}
