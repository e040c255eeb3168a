/// <summary>
/// The Mobile Flow user setup for administrators: the table add-in, the page's only content, so that it stretches over
/// the whole page. Settings, temporary PIN codes, unlocks and the history, all through "MFP Contract". A user without
/// access to the setup sees the add-in's own "no access" words, not an error.
/// </summary>
page 50141 "MFP User Setup"
{
    ApplicationArea = All;
    Caption = 'Mobile Flow User Setup';
    PageType = Card;
    UsageCategory = Administration;

    layout
    {
        area(Content)
        {
            usercontrol(UserSetup; "MFP User Setup")
            {
                ApplicationArea = All;

                trigger Ready()
                var
                    Language: Codeunit Language;
                begin
                    CurrPage.UserSetup.SetLanguage(Language.GetCultureName(GlobalLanguage()), Language.GetFormatRegionOrDefault(''));
                end;

                trigger MobileFlowRequest(RequestJson: Text)
                var
                    Contract: Codeunit "MFP Contract";
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
}
