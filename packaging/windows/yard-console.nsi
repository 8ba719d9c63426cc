; NSIS script: the Windows installer of Yard Console (see README.md in this folder).
;
;   makensis /DVERSION=0.1.0 /DBUNDLE=..\..\dist\yard-console /DICON=..\..\build\icons\yard-console.ico yard-console.nsi
;
; BUNDLE is the one-folder program frozen ON WINDOWS by `python packaging\build.py`;
; the installer copies it to Program Files, adds Start-menu and desktop shortcuts to
; yard-console-window.exe, puts yard-console.exe on no PATH (installers call it by
; its full path: "%ProgramFiles%\Yard Console\yard-console.exe" doctor), and
; registers an uninstaller. Configuration, data and logs live in the user's
; folders (%LOCALAPPDATA%\yard-console) and are left in place on uninstall.

Unicode true
!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef BUNDLE
  !error "give /DBUNDLE=path\to\dist\yard-console"
!endif
!define APP "Yard Console"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\YardConsole"
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
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "TradChinese"
!insertmacro MUI_LANGUAGE "English"

Section "Yard Console" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
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
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
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
SectionEnd
