/// <summary>
/// Change PIN Code on a page of its own: the add-in is the page's only content, so Business Central stretches it over
/// the whole page (it stretches an add-in only there, or in a Role Center part) and the form has room, where a modal
/// dialog in a small add-in frame would be confined to that frame. Opened from the Role Center
/// ("MFP Business Manager RC"). The add-in talks to "MFP Contract" as the signed-in user: the user changes their own
/// PIN code, never anyone else's.
/// </summary>
page 50140 "MFP Change PIN Code"
{
    ApplicationArea = All;
    Caption = 'Change PIN Code';
    PageType = Card;
    UsageCategory = Tasks;

    layout
    {
        area(Content)
        {
            usercontrol(ChangePinCode; "MFP Change PIN Code")
            {
                ApplicationArea = All;

                trigger Ready()
                var
                    Language: Codeunit Language;
                begin
                    CurrPage.ChangePinCode.SetLanguage(Language.GetCultureName(GlobalLanguage()), Language.GetFormatRegionOrDefault(''));
                end;

                trigger MobileFlowRequest(RequestJson: Text)
                var
                    Contract: Codeunit "MFP Contract";
                begin
                    CurrPage.ChangePinCode.MobileFlowResponse(Contract.Handle(RequestJson));
                end;

                trigger PinCodeChanged(DetailJson: Text)
                begin
                    CurrPage.Update(false);
                end;
            }
        }
    }
}
