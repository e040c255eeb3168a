// The Mobile Flow user setup as a control add-in, for administrators: settings, temporary PIN codes, unlocks, history.
// Scripts and StartupScript are the files of dist/bc/UserSetup, copied into the extension.
controladdin "MFP User Setup"
{
    Scripts = 'UserSetup/script.js';
    StartupScript = 'UserSetup/startup.js';
    StyleSheets = 'UserSetup/MobileFlowPin.css';
    RequestedHeight = 640;
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
    /// An administrator saved a user's settings: {"userId", "passwordMandatory", "allowPinCode"}.
    event UserSetupChanged(DetailJson: Text);
    /// A temporary PIN code was issued: {"userId", "expiresAt"} (never the code).
    event TemporaryPinCodeIssued(DetailJson: Text);

    /// The answer to one MobileFlowRequest, as its envelope: {"id", "status", "headers", "body"}, body the contract's JSON text.
    procedure MobileFlowResponse(ResponseJson: Text);
    /// The page's language for the words, e.g. 'da-DK' or 'en-US', and the user's format region for dates and numbers.
    procedure SetLanguage(LanguageTag: Text; FormatRegion: Text);
}
