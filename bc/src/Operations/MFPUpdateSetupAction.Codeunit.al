/// <summary>
/// PATCH userSetups({id}) with If-Match (src/host/operations/update-user-setup.ts): the administrator turns Password
/// Mandatory and Allow PIN Code on and off (docs/promises.md promises 8 and 10). The etag is compared with the version read
/// inside the section, so a change that raced this one has already raised it.
/// </summary>
codeunit 50158 "MFP Update Setup Action"
{
    Access = Internal;
    InherentEntitlements = X;
    InherentPermissions = X;
    Permissions = tabledata "MFP User Setup" = rm,
                  tabledata Resource = rm;

    var
        IfMatchMissingErr: Label 'If-Match is missing: send the @odata.etag the change is based on.';
        ChangedMeanwhileErr: Label '%1 was changed by someone else since it was read: read it again.', Comment = '%1 = user ID';
        TurnOffPasswordMandatoryErr: Label 'Password mandatory needs PIN codes allowed: %1 could not sign in on a device at all. Turn off Password mandatory first.', Comment = '%1 = user ID';
        AllowPinCodesFirstErr: Label 'Password mandatory needs PIN codes allowed: %1 could not sign in on a device at all. Allow PIN codes first.', Comment = '%1 = user ID';

    /// <summary>Decides on the user's setup read inside their section, and writes it.</summary>
    procedure Decide(var UserSetup: Record "MFP User Setup"; var Resource: Record Resource; HasResource: Boolean; var Request: Codeunit "MFP Request"; var Answer: Codeunit "MFP Answer")
    var
        Projections: Codeunit "MFP Projections";
        IfMatch: Text;
        PasswordMandatory: Boolean;
        AllowPinCode: Boolean;
        HasAllowPinCode: Boolean;
        PinCodeRequiredBefore: Boolean;
    begin
        if not Request.GetIfMatch(IfMatch) then begin
            Answer.Refuse("MFP Error Code"::BadRequest_InvalidToken, IfMatchMissingErr);
            exit;
        end;
        if (IfMatch <> '*') and (IfMatch <> Projections.Etag(UserSetup."Version No.")) then begin
            Answer.Refuse("MFP Error Code"::Request_EntityChanged, StrSubstNo(ChangedMeanwhileErr, UserSetup."User ID"));
            exit;
        end;
        PinCodeRequiredBefore := UserSetup.PinCodeRequired();
        if Request.GetBodyBoolean('passwordMandatory', PasswordMandatory) then
            UserSetup."Password Mandatory" := PasswordMandatory;
        HasAllowPinCode := Request.GetBodyBoolean('allowPinCode', AllowPinCode);
        if HasAllowPinCode then
            UserSetup."Allow PIN Code" := AllowPinCode;
        // Decided on the setup as it is now, inside the section: the other setting may have changed since it was read.
        if UserSetup."Password Mandatory" and not UserSetup."Allow PIN Code" then begin
            if HasAllowPinCode and not AllowPinCode then
                Answer.Refuse("MFP Error Code"::UserSetup_PasswordNeedsPinCode, StrSubstNo(TurnOffPasswordMandatoryErr, UserSetup."User ID"))
            else
                Answer.Refuse("MFP Error Code"::UserSetup_PasswordNeedsPinCode, StrSubstNo(AllowPinCodesFirstErr, UserSetup."User ID"));
            exit;
        end;
        UserSetup.NextVersion();
        UserSetup.Modify();
        // The Resource card says whether a device asks for a PIN code: when that changes, the card is a new state too.
        if HasResource and (UserSetup.PinCodeRequired() <> PinCodeRequiredBefore) then begin
            Resource."MFP Card Version" += 1;
            Resource.Modify();
        end;
        Answer.Ok(Projections.UserSetupJson(UserSetup, Request.GetNow()));
    end;
}
