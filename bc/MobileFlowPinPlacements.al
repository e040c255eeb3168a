// Where the add-ins go, and the shape of the request handler AL writes. An example to adapt: the codeunit
// "MFP Contract" is the implementer's, the same one the API pages call, and it keeps every promise of the contract
// (prove it with the conformance kit over REST).

// Change PIN Code on the Role Center: a page with the add-in, opened from an action.
page 50140 "MFP Change PIN Code"
{
    PageType = CardPart;
    Caption = 'My PIN code';

    layout
    {
        area(Content)
        {
            usercontrol(ChangePinCode; "MFP Change PIN Code")
            {
                trigger Ready()
                begin
                    CurrPage.ChangePinCode.SetLanguage(LanguageTagOfSession(), FormatRegionOfSession());
                end;

                trigger MobileFlowRequest(RequestJson: Text)
                begin
                    CurrPage.ChangePinCode.MobileFlowResponse(Contract.Handle(RequestJson));
                end;

                trigger PinCodeChanged(DetailJson: Text)
                begin
                    CurrPage.Update(false); // the Resource card part shows the new status
                end;
            }
        }
    }

    var
        Contract: Codeunit "MFP Contract";

    local procedure LanguageTagOfSession(): Text
    var
        Language: Codeunit Language;
    begin
        exit(Language.GetCultureName(GlobalLanguage()));
    end;

    local procedure FormatRegionOfSession(): Text
    var
        Language: Codeunit Language;
    begin
        exit(Language.GetFormatRegionOrDefault(''));
    end;
}

pageextension 50141 "MFP Role Center Actions" extends "Business Manager Role Center"
{
    actions
    {
        addlast(Embedding)
        {
            action(MFPChangePinCode)
            {
                Caption = 'Change PIN Code';
                RunObject = page "MFP Change PIN Code";
                ApplicationArea = All;
            }
        }
    }
}

// The table on the Mobile Flow User Setup page.
pageextension 50142 "MFP User Setup" extends "MOB User Setup"
{
    layout
    {
        addfirst(Content)
        {
            usercontrol(UserSetup; "MFP User Setup")
            {
                ApplicationArea = All;

                trigger Ready()
                begin
                    CurrPage.UserSetup.SetLanguage(LanguageTagOfSession(), FormatRegionOfSession());
                end;

                trigger MobileFlowRequest(RequestJson: Text)
                begin
                    CurrPage.UserSetup.MobileFlowResponse(Contract.Handle(RequestJson));
                end;

                trigger UserSetupChanged(DetailJson: Text)
                begin
                    CurrPage.Update(false);
                end;

                trigger TemporaryPinCodeIssued(DetailJson: Text)
                begin
                    CurrPage.Update(false);
                end;
            }
        }
    }

    var
        Contract: Codeunit "MFP Contract";

    local procedure LanguageTagOfSession(): Text
    var
        Language: Codeunit Language;
    begin
        exit(Language.GetCultureName(GlobalLanguage()));
    end;

    local procedure FormatRegionOfSession(): Text
    var
        Language: Codeunit Language;
    begin
        exit(Language.GetFormatRegionOrDefault(''));
    end;
}

// The request handler's shape: one request in, one answer out, as the API pages would answer it over REST.
codeunit 50143 "MFP Contract"
{
    /// Takes the request envelope {"id", "method", "path" (with its query), "headers", "body"}, routes it to the
    /// contract's operations, acting as the session's user (UserId()), and gives the answer envelope
    /// {"id", "status", "headers", "body"} (envelope.schema.json).
    procedure Handle(RequestJson: Text): Text
    var
        Request: JsonObject;
        Answer: JsonObject;
        Token: JsonToken;
        Id: Text;
        Status: Integer;
        Headers: JsonObject;
        Body: Text;
    begin
        Request.ReadFrom(RequestJson);
        Request.Get('id', Token);
        Id := Token.AsValue().AsText();
        Route(Request, Status, Headers, Body); // the implementer's: every operation of openapi.json, every promise kept
        Answer.Add('id', Id);
        Answer.Add('status', Status);
        Answer.Add('headers', Headers);
        Answer.Add('body', Body);
        exit(Format(Answer));
    end;

    local procedure Route(Request: JsonObject; var Status: Integer; var Headers: JsonObject; var Body: Text)
    begin
        // e.g. path 'session/Microsoft.NAV.changePinCode' → the change PIN code procedure of the API page's codeunit.
        Status := 404;
        Body := '{"error":{"code":"BadRequest_NotFound","message":"Not routed yet."}}';
    end;
}
