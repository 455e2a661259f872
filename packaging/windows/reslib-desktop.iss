; Inno Setup script for reslib-desktop on Windows (Inno Setup 6).
;
; It packs the PyInstaller one-folder build; it cannot be built on the project's Linux
; machines or CI. On Windows, from the repository root:
;
;   py -3.11 -m venv .venv
;   .venv\Scripts\pip install -e ".[package]"
;   .venv\Scripts\pyinstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\reslib-desktop.spec
;   start /wait dist\reslib-desktop\reslib-desktop.exe --self-test
;   echo %ERRORLEVEL%   (0 = passed; a windowed app prints nothing, so check the exit code)
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" packaging\windows\reslib-desktop.iss
;
; The installer lands in dist\installer\reslib-desktop-<version>-setup.exe.
; Keep AppVersion in step with reslib_desktop/__init__.py, and the folder and icon
; names with packaging/reslib-desktop.spec.

#define AppName "Resource Library"
#define AppExeName "reslib-desktop.exe"
#define AppVersion "0.1.0"
#define AppPublisher "The reslib-desktop developers"
#define AppURL "https://github.com/reslib/reslib-desktop"
#define BuildDir "..\..\dist\reslib-desktop"

[Setup]
; AppId identifies the app for upgrades and the uninstaller: never change it.
AppId={{6B0E2C1A-5F3D-4C8E-9A77-2D4E0B9F1C35}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
AppPublisherURL={#AppURL}
AppSupportURL={#AppURL}/issues
AppUpdatesURL={#AppURL}/releases
DefaultDirName={autopf}\reslib-desktop
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user install without admin rights by default; the dialog offers all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist\installer
OutputBaseFilename=reslib-desktop-{#AppVersion}-setup
SetupIconFile=..\..\assets\icons\reslib-desktop.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder build: reslib-desktop.exe and _internal\ (resources.db, assets, Qt, Python).
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Comment: "Search and read a library of resources offline"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The user's own library (%LOCALAPPDATA%\reslib-desktop) is not removed on uninstall.
[UninstallDelete]
Type: filesandordirs; Name: "{app}\_internal"
