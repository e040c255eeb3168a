/// <summary>
/// The contract's reads (src/host/operations/reads.ts): they answer from what is stored and write nothing. Who may read
/// what is checked first, before anything is looked up for the key in the path.
/// </summary>
codeunit 50145 "MFP Reads"
{
    Access = Internal;
    InherentEntitlements = X;
    InherentPermissions = X;
    Permissions = tabledata "MFP User Setup" = r,
                  tabledata "MFP PIN Code Event" = r,
                  tabledata "MFP PIN Policy" = r,
                  tabledata Resource = r;

    var
        Projections: Codeunit "MFP Projections";
        DeviceHasNoSessionErr: Label 'A device has no session: sign in as a user.';
        NoAccessErr: Label 'You have no access to the Mobile Flow user setup.';
        NoSuchUserSetupErr: Label 'There is no user setup with id %1.', Comment = '%1 = the id asked for';
        NoSuchResourceErr: Label 'There is no resource with id %1.', Comment = '%1 = the id asked for';
        OnlyOwnResourceErr: Label 'You may only read your own Resource card.';

    /// <summary>GET session: who the caller is, their PIN code status and the policy. A device has no session.</summary>
    procedure GetSession(var Request: Codeunit "MFP Request"; var Answer: Codeunit "MFP Answer")
    var
        Caller: Record "MFP User Setup";
        PinPolicy: Record "MFP PIN Policy";
    begin
        if not Request.GetCaller(Caller) then begin
            Answer.Refuse("MFP Error Code"::Authorization_Denied, DeviceHasNoSessionErr);
            exit;
        end;
        PinPolicy.GetPolicy();
        Answer.Ok(Projections.SessionJson(Caller, Request.IsAdministrator(), PinPolicy, Request.GetNow()));
    end;

    /// <summary>GET userSetups({id}): one setup, for an administrator.</summary>
    procedure GetUserSetup(var Request: Codeunit "MFP Request"; var Answer: Codeunit "MFP Answer")
    var
        UserSetup: Record "MFP User Setup";
    begin
        if not FindAdministeredSetup(Request, Answer, UserSetup) then
            exit;
        Answer.Ok(Projections.UserSetupJson(UserSetup, Request.GetNow()));
    end;

    /// <summary>GET userSetups({id})/pinCodeEvents: a user's history, newest first, for an administrator.</summary>
    procedure ListPinCodeEvents(var Request: Codeunit "MFP Request"; var Answer: Codeunit "MFP Answer")
    var
        UserSetup: Record "MFP User Setup";
        PinCodeEvent: Record "MFP PIN Code Event";
        Events: JsonArray;
        Result: JsonObject;
    begin
        if not FindAdministeredSetup(Request, Answer, UserSetup) then
            exit;
        PinCodeEvent.SetCurrentKey("User ID", "Entry No.");
        PinCodeEvent.SetRange("User ID", UserSetup."User ID");
        PinCodeEvent.Ascending(false);
        if PinCodeEvent.FindSet() then
            repeat
                Events.Add(Projections.PinCodeEventJson(PinCodeEvent));
            until PinCodeEvent.Next() = 0;
        Result.Add('value', Events);
        Answer.Ok(Result);
    end;

    /// <summary>
    /// GET resources({id}): the Resource card, for an administrator or the user whose card it is; a device reads any
    /// card, but only what signing in needs.
    /// </summary>
    procedure GetResource(var Request: Codeunit "MFP Request"; var Answer: Codeunit "MFP Answer")
    var
        Caller: Record "MFP User Setup";
        Owner: Record "MFP User Setup";
        Resource: Record Resource;
        IsUser: Boolean;
    begin
        IsUser := Request.GetCaller(Caller);
        // A user who may not read the card learns nothing, not even whether it exists.
        if IsUser and not Request.IsAdministrator() then
            if Projections.ResourceIdOf(Caller."Resource No.") <> Projections.IdOf(Request.GetTargetKey()) then begin
                Answer.Refuse("MFP Error Code"::Authorization_Denied, OnlyOwnResourceErr);
                exit;
            end;
        if not FindResourceAndOwner(Request.GetTargetKey(), Resource, Owner) then begin
            Answer.Refuse("MFP Error Code"::BadRequest_NotFound, StrSubstNo(NoSuchResourceErr, Projections.IdOf(Request.GetTargetKey())));
            exit;
        end;
        Answer.Ok(Projections.ResourceJson(Resource, Owner, not IsUser));
    end;

    /// <summary>GET userSetups?$top&amp;$skip&amp;$orderby&amp;$filter&amp;$count: a page of setups, for an administrator.</summary>
    procedure ListUserSetups(var Request: Codeunit "MFP Request"; var Answer: Codeunit "MFP Answer")
    var
        UserSetupQuery: Codeunit "MFP User Setup Query";
    begin
        if not RequireAdministrator(Request, Answer) then
            exit;
        UserSetupQuery.ListUserSetups(Request, Answer);
    end;

    /// <summary>The asking administrator; anyone else is refused 403 and goes no further.</summary>
    procedure RequireAdministrator(var Request: Codeunit "MFP Request"; var Answer: Codeunit "MFP Answer"): Boolean
    begin
        if Request.IsAdministrator() then
            exit(true);
        Answer.Refuse("MFP Error Code"::Authorization_Denied, NoAccessErr);
        exit(false);
    end;

    /// <summary>The setup named in the path, for an administrator; 404 when there is none.</summary>
    procedure FindAdministeredSetup(var Request: Codeunit "MFP Request"; var Answer: Codeunit "MFP Answer"; var UserSetup: Record "MFP User Setup"): Boolean
    begin
        if not RequireAdministrator(Request, Answer) then
            exit(false);
        if UserSetup.GetBySystemId(Request.GetTargetKey()) then
            exit(true);
        Answer.Refuse("MFP Error Code"::BadRequest_NotFound, StrSubstNo(NoSuchUserSetupErr, Projections.IdOf(Request.GetTargetKey())));
        exit(false);
    end;

    /// <summary>The Resource card with this SystemId and the user setup whose resource it is.</summary>
    procedure FindResourceAndOwner(ResourceId: Guid; var Resource: Record Resource; var Owner: Record "MFP User Setup"): Boolean
    begin
        if not Resource.GetBySystemId(ResourceId) then
            exit(false);
        Owner.SetRange("Resource No.", Resource."No.");
        exit(Owner.FindFirst());
    end;
}
