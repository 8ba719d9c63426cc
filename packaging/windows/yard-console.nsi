; NSIS script: the Windows installer of Yard Console (see README.md in this folder).
;
;   makensis /DVERSION=0.1.0 /DBUNDLE=..\..\dist\yard-console /DICON=..\..\build\icons\yard-console.ico yard-console.nsi
;
; BUNDLE is the one-folder program frozen ON WINDOWS by `python packaging\build.py`.
; A machine-wide install, for every officer who signs in to the workstation:
; - the program in Program Files (64-bit view of the registry, HKLM), Start-menu and
;   desktop shortcuts for ALL users (SetShellVarContext all), an uninstaller with its
;   size (EstimatedSize) in Apps & features;
; - the shared data folder %ProgramData%\YardConsole (database, evidence, Logs),
;   writable by the local group "YardConsole" whose members are the officers, and by
;   SYSTEM and the administrators; per-user state is only the window's layout;
; - an upgrade refuses while a copy of the console runs (in any session) and keeps the data;
; - the uninstaller keeps the data unless asked: it asks (default No), and a silent
;   uninstall deletes the data only with /DELETEDATA.
; yard-console.exe is on no PATH (installers call it by its full path:
; "%ProgramFiles%\Yard Console\yard-console.exe" doctor).

Unicode true
!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef BUNDLE
  !error "give /DBUNDLE=path\to\dist\yard-console"
!endif
!define APP "Yard Console"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\YardConsole"
!define DATA_FOLDER "YardConsole"
!define OFFICERS_GROUP "YardConsole"
!ifndef OUTFILE
  !define OUTFILE "yard-console-${VERSION}-setup.exe"
!endif

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP}"
InstallDirRegKey HKLM "${UNINST_KEY}" "InstallLocation"
RequestExecutionLevel admin
SetCompressor /SOLID lzma
!ifdef ICON
  Icon "${ICON}"
  UninstallIcon "${ICON}"
!endif

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "x64.nsh"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "TradChinese"
!insertmacro MUI_LANGUAGE "English"

; A running program cannot be opened for writing: that is how a copy in use is found,
; in this session or in another officer's, without a plug-in.
!macro REFUSE_WHILE_RUNNING
  ${Do}
    StrCpy $0 ""
    ${If} ${FileExists} "$INSTDIR\yard-console.exe"
      ClearErrors
      FileOpen $1 "$INSTDIR\yard-console.exe" a
      ${If} ${Errors}
        StrCpy $0 "yard-console.exe"
      ${Else}
        FileClose $1
      ${EndIf}
    ${EndIf}
    ${If} ${FileExists} "$INSTDIR\yard-console-window.exe"
      ClearErrors
      FileOpen $1 "$INSTDIR\yard-console-window.exe" a
      ${If} ${Errors}
        StrCpy $0 "yard-console-window.exe"
      ${Else}
        FileClose $1
      ${EndIf}
    ${EndIf}
    ${If} $0 == ""
      ${Break}
    ${EndIf}
    IfSilent 0 +3
      SetErrorLevel 2
      Quit
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION \
      "${APP} is running on this computer ($0), perhaps in another officer's session.$\r$\nClose every ${APP} window (and the headless service), then choose Retry. Nothing has been changed." \
      /SD IDCANCEL IDRETRY +2
    Quit
  ${Loop}
!macroend

Function .onInit
  SetShellVarContext all
  ${If} ${RunningX64}
    SetRegView 64
  ${Else}
    MessageBox MB_ICONSTOP "${APP} needs 64-bit Windows." /SD IDOK
    Quit
  ${EndIf}
  ReadRegStr $0 HKLM "${UNINST_KEY}" "InstallLocation"
  ${If} $0 != ""
    StrCpy $INSTDIR $0
  ${EndIf}
  !insertmacro REFUSE_WHILE_RUNNING
FunctionEnd

Function un.onInit
  SetShellVarContext all
  SetRegView 64
  !insertmacro REFUSE_WHILE_RUNNING
FunctionEnd

Section "Yard Console" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the program folder only; the data folder is never touched.
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; The shared data folder: the officers' group may change it, other users may not read it.
  CreateDirectory "$APPDATA\${DATA_FOLDER}"
  CreateDirectory "$APPDATA\${DATA_FOLDER}\Logs"
  nsExec::Exec 'net localgroup ${OFFICERS_GROUP} /add /comment:"Officers of ${APP}"'
  Pop $0
  nsExec::Exec 'icacls "$APPDATA\${DATA_FOLDER}" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F ${OFFICERS_GROUP}:(OI)(CI)M'
  Pop $0

  CreateDirectory "$SMPROGRAMS\${APP}"
  CreateShortcut "$SMPROGRAMS\${APP}\${APP}.lnk" "$INSTDIR\yard-console-window.exe" "run"
  CreateShortcut "$SMPROGRAMS\${APP}\${APP} demo.lnk" "$INSTDIR\yard-console-window.exe" "demo"
  CreateShortcut "$SMPROGRAMS\${APP}\Uninstall.lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\yard-console-window.exe" "run"

  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "Yard Console team"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\yard-console.exe"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  Delete "$DESKTOP\${APP}.lnk"
  RMDir /r "$SMPROGRAMS\${APP}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\yard-console.exe"
  Delete "$INSTDIR\yard-console-window.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINST_KEY}"

  ; The database, evidence and logs are the customs record: kept unless asked.
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/DELETEDATA" $1
  ${If} ${Errors}
    IfSilent keep_data
    MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 \
      "Also delete the database, evidence and logs in $APPDATA\${DATA_FOLDER}?$\r$\nThey are the customs record of this workstation. Choose No to keep them." \
      /SD IDNO IDYES delete_data
    Goto keep_data
  ${EndIf}
  delete_data:
    RMDir /r "$APPDATA\${DATA_FOLDER}"
  keep_data:
SectionEnd
