// The Change PIN Code action as a control add-in: the user changes their own PIN code on the page "MFP Change PIN Code",
// opened from the Role Center, where the add-in is the only content and stretches over the page.
// Scripts and StartupScript are the files of dist/bc/ChangePinCode, copied into the extension.
controladdin "MFP Change PIN Code"
{
    Scripts = 'ChangePinCode/script.js';
    StartupScript = 'ChangePinCode/startup.js';
    StyleSheets = 'ChangePinCode/MobileFlowPin.css';
    RequestedHeight = 560;
    MinimumHeight = 400;
    VerticalStretch = true;
    VerticalShrink = true;
    HorizontalStretch = true;
    HorizontalShrink = true;

    /// The add-in has started and can take MobileFlowResponse and SetLanguage.
    event Ready();
    /// A request of the host contract, as its envelope (envelope.schema.json): {"id", "method", "path", "headers", "body"}.
    /// Answer it with MobileFlowResponse. The add-in sends one at a time, the next when this one is answered.
    event MobileFlowRequest(RequestJson: Text);
    /// The user changed their PIN code: {"resourceNo", "changedAt"} (never the code). Refresh the Resource card part.
    event PinCodeChanged(DetailJson: Text);

    /// The answer to one MobileFlowRequest, as its envelope: {"id", "status", "headers", "body"}, body the contract's JSON text.
    procedure MobileFlowResponse(ResponseJson: Text);
    /// The page's language for the words, e.g. 'da-DK' or 'en-US', and the user's format region for dates and numbers.
    procedure SetLanguage(LanguageTag: Text; FormatRegion: Text);
}
