// The Change PIN Code action as a control add-in: the user changes their own PIN code from the Role Center.
// Scripts and StartupScript are the files of dist/bc/ChangePinCode, copied into the extension.
controladdin "MFP Change PIN Code"
{
    Scripts = 'ChangePinCode/script.js';
    StartupScript = 'ChangePinCode/startup.js';
    StyleSheets = 'ChangePinCode/MobileFlowPin.css';
    RequestedHeight = 120;
    MinimumHeight = 80;
    VerticalStretch = true;
    VerticalShrink = true;
    HorizontalStretch = true;
    HorizontalShrink = true;

    /// The add-in has started and can take MobileFlowResponse and SetLanguage.
    event Ready();
    /// A request of the host contract: {"id", "method", "path", "query", "headers", "body"}. Answer it with MobileFlowResponse.
    event MobileFlowRequest(RequestJson: Text);
    /// The user changed their PIN code: {"resourceNo", "changedAt"} (never the code). Refresh the Resource card part.
    event PinCodeChanged(DetailJson: Text);

    /// The answer to one MobileFlowRequest: {"id", "status", "body"}, body the contract's JSON answer.
    procedure MobileFlowResponse(ResponseJson: Text);
    /// The page's language, e.g. 'da-DK' (Danish) or 'en-US'.
    procedure SetLanguage(LanguageTag: Text);
}
